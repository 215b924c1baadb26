// Writes mutants of scenario files, for differential.py --files: each mutant is EDITS edits of
// one of the files in turn, by a mutator seeded with SEED (so a mismatch can be made again).
// The mutator inserts no blocking, CPU or thread steps: differential.py's CPython side runs on
// a virtual clock that time.sleep and threads do not move.
//   write_mutants OUTDIR COUNT SEED EDITS FILE...
#include "scenario_mutator.h"

#include "scenario/scenario_json.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>

using namespace loopscope;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 6) {
        std::fprintf(stderr, "usage: write_mutants OUTDIR COUNT SEED EDITS FILE...\n");
        return 2;
    }
    const QDir out(args.at(1));
    const int count = args.at(2).toInt();
    test::ScenarioMutator mutator(args.at(3).toUInt(), false);
    const int edits = args.at(4).toInt();
    std::vector<std::pair<QString, Scenario>> bases;
    for (const QString &path : args.mid(5)) {
        const ScenarioLoad load = readScenarioFile(path);
        if (!load.ok()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(path),
                         qPrintable(load.problems.front().message));
            return 2;
        }
        bases.emplace_back(QFileInfo(path).fileName().remove(QStringLiteral(".loop.json")),
                           *load.scenario);
    }
    out.mkpath(QStringLiteral("."));
    for (int i = 0; i < count; ++i) {
        const auto &[name, base] = bases[std::size_t(i) % bases.size()];
        Scenario mutant = base;
        for (int e = 0; e < edits; ++e)
            if (std::optional<Scenario> next = mutator.mutate(mutant))
                mutant = std::move(*next);
        QSaveFile file(out.filePath(QStringLiteral("%1-m%2.loop.json").arg(name).arg(i)));
        if (!file.open(QIODevice::WriteOnly) || file.write(writeScenario(mutant)) < 0
            || !file.commit())
            return 1;
    }
    return 0;
}
