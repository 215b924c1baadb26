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

#include <QIODevice>
#include <QTest>

#include <algorithm>

using namespace loopscope;

namespace {

// A file that keeps what it is given, counting the writes and their largest size; or one whose
// every write fails (a full disk).
class WriteLog : public QIODevice
{
public:
    explicit WriteLog(bool failing = false)
        : m_failing(failing)
    {
        open(QIODevice::WriteOnly);
    }
    QByteArray bytes;
    int writes = 0;
    qint64 largest = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_failing)
            return -1;
        ++writes;
        largest = std::max(largest, size);
        bytes.append(data, size);
        return size;
    }

private:
    bool m_failing;
};

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

    // The formats of big runs are written to the file as they are made, a MiB at a time, never
    // held whole beside the trace: the bytes are runText's, in several writes of about a MiB.
    void bigRunFormatsStreamToTheFile_data()
    {
        QTest::addColumn<ExportFormat>("format");
        QTest::addColumn<int>("spansPerLane"); // of 10 lanes: 2 to 3 MiB in this format
        QTest::newRow("perfetto.json") << ExportFormat::Perfetto << 2'000;
        QTest::newRow("perfetto-trace") << ExportFormat::PerfettoProto << 5'000;
        QTest::newRow("trace json") << ExportFormat::TraceJson << 2'500;
        QTest::newRow("lstrace") << ExportFormat::TraceBinary << 25'000;
    }
    void bigRunFormatsStreamToTheFile()
    {
        QFETCH(ExportFormat, format);
        QFETCH(int, spansPerLane);
        const ExportFormatInfo &info = exportFormatInfo(format);
        QVERIFY(info.runWrite);
        const Trace trace = testing::bigTrace(10, spansPerLane);
        WriteLog file;
        QVERIFY(info.runWrite(trace, file));
        const QByteArray whole = info.runText(Scenario{}, trace);
        QVERIFY(whole.size() > 2 * (1 << 20));
        QCOMPARE(file.bytes.size(), whole.size());
        QVERIFY(file.bytes == whole);
        QCOMPARE_GE(file.writes, int(whole.size() >> 20));
        QCOMPARE_LE(file.largest, (1 << 20) + 4096); // a MiB and at most one item over it
    }

    void aFailedWriteIsReported_data() { bigRunFormatsStreamToTheFile_data(); }
    void aFailedWriteIsReported()
    {
        QFETCH(ExportFormat, format);
        QFETCH(int, spansPerLane);
        WriteLog full(true);
        QVERIFY(!exportFormatInfo(format).runWrite(testing::bigTrace(2, spansPerLane), full));
    }
};

QTEST_GUILESS_MAIN(TestExportFormats)
#include "tst_export_formats.moc"
