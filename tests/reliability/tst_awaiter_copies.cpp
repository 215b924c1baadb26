// GCC 12 and co_await operands: an aggregate awaiter (`co_await A{ref}`) is copied without its
// members' copy constructors and both copies are destroyed, so a counted reference it holds is
// released once too often. The runtime's awaiters therefore have constructors; this pins that,
// and checks on this compiler that an awaiter with a constructor releases exactly what it took,
// whether the coroutine finishes or is destroyed while suspended (how a stopped run ends).
#include "runtime/task.h"

#include <QTest>

#include <coroutine>
#include <type_traits>

namespace {

int g_held = 0; // references alive

struct Counted
{
    Counted() { ++g_held; }
    Counted(const Counted &) { ++g_held; }
    ~Counted() { --g_held; }
};

struct Awaiter // shaped like rt::FutureAwait: a constructor, a counted member
{
    explicit Awaiter(const Counted &c)
        : held(c)
    {}
    Counted held;
    bool await_ready() const { return false; }
    void await_suspend(std::coroutine_handle<>) {}
    void await_resume() {}
};

struct Coroutine
{
    struct promise_type
    {
        Coroutine get_return_object()
        {
            return {std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_never initial_suspend() { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
    };
    std::coroutine_handle<promise_type> handle;
};

Coroutine awaitTwice()
{
    Counted local;
    co_await Awaiter{local};
    co_await Awaiter{local};
}

} // namespace

class TestAwaiterCopies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runtimeAwaitersAreNotAggregates();
    void referencesBalance_data();
    void referencesBalance();
};

void TestAwaiterCopies::runtimeAwaitersAreNotAggregates()
{
    static_assert(!std::is_aggregate_v<loopscope::rt::FutureAwait>);
    QVERIFY(!std::is_aggregate_v<loopscope::rt::FutureAwait>);
}

void TestAwaiterCopies::referencesBalance_data()
{
    QTest::addColumn<int>("resumes");
    QTest::addColumn<int>("held"); // before destroy(): `local` and the awaiter's copy, or none
    QTest::newRow("destroyed at the first await") << 0 << 2;
    QTest::newRow("destroyed at the second await") << 1 << 2;
    QTest::newRow("run to its end") << 2 << 0;
}

void TestAwaiterCopies::referencesBalance()
{
    QFETCH(int, resumes);
    QFETCH(int, held);
    g_held = 0;
    Coroutine c = awaitTwice();
    for (int i = 0; i < resumes; ++i)
        c.handle.resume();
    QCOMPARE(g_held, held);
    c.handle.destroy();
    QCOMPARE(g_held, 0);
}

QTEST_GUILESS_MAIN(TestAwaiterCopies)
#include "tst_awaiter_copies.moc"
