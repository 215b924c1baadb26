// The export-format table: what each use offers, suffix lookup, the messages' suffix lists, the
// file filters, and that every text entry has the writer its subjects promise.
#include "export/export_formats.h"
#include "export/mermaid.h"
#include "export/perfetto.h"
#include "export/perfetto_proto.h"
#include "export/python_program.h"
#include "sample_traces.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QTest>

using namespace loopscope;

namespace {

Scenario titled(const QString &title)
{
    Scenario scenario;
    scenario.title = title;
    return scenario;
}

} // namespace

class TestExportFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFormatHasOneEntry()
    {
        const std::vector<ExportFormat> all{
            ExportFormat::Svg,     ExportFormat::Png,       ExportFormat::Pdf,
            ExportFormat::Mermaid, ExportFormat::Perfetto,  ExportFormat::PerfettoProto,
            ExportFormat::Python,  ExportFormat::TraceJson, ExportFormat::TraceBinary};
        QCOMPARE(exportFormatTable().size(), all.size());
        for (const ExportFormat format : all)
            QCOMPARE(exportFormatInfo(format).format, format);
    }

    // A text entry writes every subject it claims; a picture has no writer in core.
    void writersMatchSubjects()
    {
        for (const ExportFormatInfo &info : exportFormatTable()) {
            const bool run = info.subjects & (ExportsTrace | ExportsScenario);
            const bool comparison = info.subjects & ExportsComparison;
            QVERIFY2(run || comparison, info.suffix);
            QCOMPARE(info.runText != nullptr, !info.image && run);
            QCOMPARE(info.comparisonText != nullptr, !info.image && comparison);
        }
    }

    void usesOfferTheirFormatsInTableOrder()
    {
        const std::vector<ExportFormat> run{
            ExportFormat::Svg,     ExportFormat::Png,       ExportFormat::Pdf,
            ExportFormat::Mermaid, ExportFormat::Perfetto,  ExportFormat::PerfettoProto,
            ExportFormat::Python,  ExportFormat::TraceJson, ExportFormat::TraceBinary};
        QCOMPARE(exportFormats(ExportUse::Run), run);
        const std::vector<ExportFormat> comparison{ExportFormat::Svg, ExportFormat::Png,
                                                   ExportFormat::Pdf, ExportFormat::Mermaid};
        QCOMPARE(exportFormats(ExportUse::Comparison), comparison);
    }

    void suffixListsForMessages()
    {
        QCOMPARE(exportSuffixList(ExportUse::Run),
                 QStringLiteral(".svg, .png, .pdf, .mmd, .perfetto.json, .perfetto-trace, .py, "
                                ".json or .lstrace"));
        QCOMPARE(exportSuffixList(ExportUse::Comparison),
                 QStringLiteral(".svg, .png, .pdf or .mmd"));
        QCOMPARE(exportSuffixList(ExportUse::Run, true), QStringLiteral(".svg, .png or .pdf"));
    }

    void formatOfPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("run");        // -1: none
        QTest::addColumn<int>("comparison"); // -1: none
        QTest::newRow("png") << "a/b.png" << int(ExportFormat::Png) << int(ExportFormat::Png);
        QTest::newRow("upper case") << "B.SVG" << int(ExportFormat::Svg) << int(ExportFormat::Svg);
        QTest::newRow("longest suffix first")
            << "t.perfetto.json" << int(ExportFormat::Perfetto) << -1;
        QTest::newRow("trace") << "t.json" << int(ExportFormat::TraceJson) << -1;
        QTest::newRow("binary trace") << "t.lstrace" << int(ExportFormat::TraceBinary) << -1;
        QTest::newRow("perfetto protobuf")
            << "t.perfetto-trace" << int(ExportFormat::PerfettoProto) << -1;
        QTest::newRow("python: a scenario, not a comparison")
            << "p.py" << int(ExportFormat::Python) << -1;
        QTest::newRow("mermaid") << "m.mmd" << int(ExportFormat::Mermaid)
                                 << int(ExportFormat::Mermaid);
        QTest::newRow("unknown") << "x.gif" << -1 << -1;
        QTest::newRow("no suffix") << "svg" << -1 << -1;
    }
    void formatOfPath()
    {
        QFETCH(QString, path);
        QFETCH(int, run);
        QFETCH(int, comparison);
        const auto code = [](std::optional<ExportFormat> f) { return f ? int(*f) : -1; };
        QCOMPARE(code(exportFormatOf(path, ExportUse::Run)), run);
        QCOMPARE(code(exportFormatOf(path, ExportUse::Comparison)), comparison);
    }

    void replacesTheWholeSuffix()
    {
        QCOMPARE(withExportSuffix(QStringLiteral("a.perfetto.json"), ExportFormat::Svg),
                 QStringLiteral("a.svg"));
        QCOMPARE(withExportSuffix(QStringLiteral("a.png"), ExportFormat::Perfetto),
                 QStringLiteral("a.perfetto.json"));
        QCOMPARE(withExportSuffix(QStringLiteral("run.v2"), ExportFormat::Python),
                 QStringLiteral("run.v2.py"));
    }

    void fileFilters()
    {
        QCOMPARE(exportFileFilters(ExportUse::Comparison),
                 QStringList({"SVG image (*.svg)", "PNG image (*.png)", "PDF document (*.pdf)",
                              "Mermaid gantt (*.mmd)"}));
        QCOMPARE(exportFileFilters(ExportUse::Run).value(4),
                 QStringLiteral("Perfetto / Chrome trace (*.perfetto.json)"));
        QCOMPARE(exportFileFilters(ExportUse::Run).value(5),
                 QStringLiteral("Perfetto trace (protobuf, for big runs) (*.perfetto-trace)"));
        QCOMPARE(exportFileFilters(ExportUse::Run).size(), 9);
    }

    // The table's writers are the exporters themselves, fed what each format shows.
    void textWritersWriteTheExports()
    {
        const Trace trace = testing::smallTrace();
        const Scenario scenario = titled(QStringLiteral("Lock: a title"));
        const auto text
            = [&](ExportFormat f) { return exportFormatInfo(f).runText(scenario, trace); };
        QCOMPARE(text(ExportFormat::Mermaid), mermaidGantt(trace, scenario.title).toUtf8());
        QCOMPARE(text(ExportFormat::Perfetto), perfettoJson(trace));
        QCOMPARE(text(ExportFormat::Python), pythonProgram(scenario).toUtf8());
        QCOMPARE(text(ExportFormat::TraceJson), writeTraceJson(trace));
        QCOMPARE(text(ExportFormat::PerfettoProto), perfettoProtobuf(trace));
        QCOMPARE(text(ExportFormat::TraceBinary), writeTraceBinary(trace));
        const std::vector<NamedTrace> runs{{QStringLiteral("a"), trace},
                                           {QStringLiteral("b"), trace}};
        QCOMPARE(exportFormatInfo(ExportFormat::Mermaid).comparisonText(runs, QStringLiteral("L")),
                 compareMermaid(runs, QStringLiteral("L")).toUtf8());
    }
};

QTEST_GUILESS_MAIN(TestExportFormats)
#include "tst_export_formats.moc"
