// keepFreedHeapForReuse (runtime/heap_reuse.h), as main() calls it: what a run allocates next
// comes from heap memory advised for transparent huge pages (the kernel's VmFlags say "hg"),
// and is kept there once freed.
#include "runtime/heap_reuse.h"

#include <QFile>
#include <QTest>

#include <cstdint>
#include <cstdlib>

namespace {

// The VmFlags line of the mapping of /proc/self/smaps that holds `address`.
QByteArray vmFlagsAt(const void *address)
{
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly))
        return "cannot read /proc/self/smaps";
    const auto where = reinterpret_cast<std::uintptr_t>(address);
    bool inside = false;
    for (const QByteArray &line : smaps.readAll().split('\n')) {
        const qsizetype dash = line.indexOf('-');
        const qsizetype space = line.indexOf(' ');
        if (dash > 0 && space > dash && line.indexOf(':') > space) { // "start-end perms ..."
            bool okStart = false;
            bool okEnd = false;
            const auto start = line.left(dash).toULongLong(&okStart, 16);
            const auto end = line.mid(dash + 1, space - dash - 1).toULongLong(&okEnd, 16);
            if (okStart && okEnd)
                inside = start <= where && where < end;
        } else if (inside && line.startsWith("VmFlags:")) {
            return line.mid(8).trimmed();
        }
    }
    return "no mapping holds the address";
}

} // namespace

class TestHeapReuse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void frameSizedBlocksComeFromHugePageAdvisedMemory()
    {
        loopscope::rt::keepFreedHeapForReuse();
        // A task's worth of frames, past the first huge page the advice may not cover whole.
        constexpr int kBlocks = 20000;
        void *blocks[kBlocks];
        for (void *&block : blocks)
            block = std::malloc(256);
        const QList<QByteArray> flags = vmFlagsAt(blocks[kBlocks - 1]).split(' ');
        QVERIFY2(flags.contains("hg"), vmFlagsAt(blocks[kBlocks - 1]).constData());
        // 12 MiB, which glibc would map (and unmap when freed) on its own, comes from there too.
        void *big = std::malloc(std::size_t(12) << 20);
        QVERIFY2(vmFlagsAt(big).split(' ').contains("hg"), vmFlagsAt(big).constData());
        std::free(big);
        for (void *block : blocks)
            std::free(block);
    }
};

QTEST_GUILESS_MAIN(TestHeapReuse)
#include "tst_heap_reuse.moc"
