// The packed callbacks of trace.loop (loop_callbacks.h): what goes in comes back, in order and
// at random, after a truncation and in a copy; and a run of task steps packs into 3 bytes each.
#include "trace/loop_callbacks.h"

#include <QRandomGenerator>
#include <QTest>

using namespace loopscope;

namespace {

// Callbacks as a run makes them, with now and then what it rarely makes: no lane, a big step
// id, events that jump, a queue that is not one shorter (or as long), a cancelled handle.
std::vector<LoopCallback> someCallbacks(QRandomGenerator &random, int n)
{
    std::vector<LoopCallback> out;
    LoopCallback cb;
    for (int i = 0; i < n; ++i) {
        const int odd = int(random.bounded(10));
        cb.lane = odd == 0 ? -1 : int(random.bounded(odd == 1 ? 2000000 : 50));
        cb.step = odd == 2 ? 0 : (odd == 3 ? 4000000000u : random.bounded(40u));
        cb.what = odd == 4 ? random.bounded(300u) : cb.what;
        cb.events = odd == 5 ? random.bounded(4000000000u) : cb.events + random.bounded(2u);
        cb.queued = odd == 6 || cb.queued == 0 ? random.bounded(100000u)
                    : odd == 8                 ? cb.queued
                                               : cb.queued - 1;
        cb.cancelled = odd == 7;
        out.push_back(cb);
    }
    return out;
}

LoopCallbackList packed(const std::vector<LoopCallback> &callbacks)
{
    LoopCallbackList list;
    for (const LoopCallback &cb : callbacks)
        list.push_back(cb);
    return list;
}

void compareInOrder(const LoopCallbackList &list, const std::vector<LoopCallback> &expected)
{
    QCOMPARE(list.size(), expected.size());
    std::size_t i = 0;
    for (const LoopCallback &cb : list) {
        if (!(cb == expected[i]))
            QFAIL(qPrintable(QStringLiteral("callback %1 differs").arg(i)));
        ++i;
    }
    QCOMPARE(i, expected.size());
}

} // namespace

class TestLoopCallbacks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsBackInOrderAndAtRandom()
    {
        QRandomGenerator random(18);
        const std::vector<LoopCallback> callbacks = someCallbacks(random, 100000);
        const LoopCallbackList list = packed(callbacks);
        compareInOrder(list, callbacks);
        for (int k = 0; k < 2000; ++k) {
            const std::size_t i = random.bounded(std::uint32_t(callbacks.size()));
            QVERIFY(list[i] == callbacks[i]);
            auto from = list.at(i);
            for (std::size_t j = i; j < std::min(i + 70, callbacks.size()); ++j, ++from)
                QVERIFY(*from == callbacks[j]);
        }
        QVERIFY(list.at(callbacks.size()) == list.end());
        QVERIFY(list.back() == callbacks.back());
    }

    // Kept up to n, then grown again: at a group's start, inside one, and to nothing.
    void truncatesAndGrowsAgain_data()
    {
        QTest::addColumn<int>("kept");
        QTest::newRow("nothing") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("a group") << 64;
        QTest::newRow("inside a group") << 1000;
        QTest::newRow("a page on") << 9000;
        QTest::newRow("all but one") << 9999;
    }
    void truncatesAndGrowsAgain()
    {
        QFETCH(int, kept);
        QRandomGenerator random{std::uint32_t(kept)};
        std::vector<LoopCallback> callbacks = someCallbacks(random, 10000);
        LoopCallbackList list = packed(callbacks);
        list.truncate(std::size_t(kept));
        callbacks.resize(std::size_t(kept));
        compareInOrder(list, callbacks);
        for (const LoopCallback &cb : someCallbacks(random, 500)) {
            callbacks.push_back(cb);
            list.push_back(cb);
        }
        compareInOrder(list, callbacks);
        QVERIFY(list[std::size_t(kept)] == callbacks[std::size_t(kept)]);
    }

    void copiesGrowApart()
    {
        QRandomGenerator random(7);
        std::vector<LoopCallback> callbacks = someCallbacks(random, 1000);
        LoopCallbackList list = packed(callbacks);
        LoopCallbackList copy = list;
        std::vector<LoopCallback> more = callbacks;
        for (const LoopCallback &cb : someCallbacks(random, 100)) {
            more.push_back(cb);
            copy.push_back(cb);
        }
        compareInOrder(list, callbacks);
        compareInOrder(copy, more);
    }

    // 1,000 tasks taking turns, each resuming at its step, with the ready queue one shorter
    // each time: a header byte, the lane's difference and the step, 3 bytes. With the pages'
    // room kept for a whole group at their ends and the table of groups, 3.34 bytes each,
    // where the struct took 24.
    void taskStepsTakeThreeBytes()
    {
        LoopCallbackList list;
        for (std::uint32_t round = 0; round < 1000; ++round)
            for (int lane = 0; lane < 1000; ++lane)
                list.push_back(LoopCallback{lane, 7, 3, 1000u - std::uint32_t(lane), false, 0});
        QCOMPARE(list.size(), std::size_t(1000000));
        QCOMPARE(list[999999], (LoopCallback{999, 7, 3, 1, false, 0}));
        QCOMPARE(list.bytes(), std::size_t(kTaskStepBytes));
        QVERIFY(double(list.bytes()) / double(list.size()) < 3.4);
    }

private:
    static constexpr std::size_t kTaskStepBytes = 3343872;
};

QTEST_GUILESS_MAIN(TestLoopCallbacks)
#include "tst_loop_callbacks.moc"
