#include "objects.h"

#include "condition.h"
#include "primitives.h"
#include "runtime.h"
#include "scenario/expr/error.h"

namespace loopscope::rt {

namespace {

expr::Values noArguments(const QString &method, const expr::Values &args)
{
    if (!args.empty())
        expr::raise(
            "TypeError",
            QStringLiteral("%1() takes no arguments (%2 given)").arg(method).arg(args.size()));
    return args;
}

// asyncio.Task as a value. str() and repr() give its name, as `{t}` always printed it (CPython
// writes `<Task finished name=... coro=<...>>`, which no lesson prints).
class TaskObject : public expr::Object
{
public:
    explicit TaskObject(Task &task)
        : m_task(&task)
    {}
    QString typeName() const override { return QStringLiteral("Task"); }
    QString repr() const override { return m_task->name(); }
    Task &task() const { return *m_task; }

    Value callMethod(const QString &name, const expr::Values &args, expr::Scope &) override
    {
        noArguments(name, args);
        if (name == QLatin1String("done"))
            return Value::boolean(m_task->done());
        if (name == QLatin1String("cancelled"))
            return Value::boolean(m_task->cancelled());
        if (name == QLatin1String("get_name"))
            return Value::string(m_task->pythonName());
        if (name == QLatin1String("result"))
            return result();
        if (name == QLatin1String("exception"))
            return exception();
        raiseNoAttribute(name);
    }

private:
    // Future.result(): the exception it ended with is raised in the caller.
    Value result() const
    {
        if (!m_task->done())
            throw PyError{
                QStringLiteral("InvalidStateError"), QStringLiteral("Result is not set."), {}};
        if (m_task->cancelled())
            throw m_task->takeCancelledError();
        if (m_task->failed()) {
            m_task->exceptionRetrieved = true;
            throw *m_task->error();
        }
        return resultOf(*m_task);
    }
    Value exception() const
    {
        if (!m_task->done())
            throw PyError{
                QStringLiteral("InvalidStateError"), QStringLiteral("Exception is not set."), {}};
        if (m_task->cancelled())
            throw m_task->takeCancelledError();
        if (!m_task->failed())
            return {};
        m_task->exceptionRetrieved = true;
        return exceptionValue(*m_task->error());
    }
    Ref<Task> m_task;
};

// A resource by id: methods that only look (a method that waits is an op of its own).
class ResourceObject : public expr::Object
{
public:
    ResourceObject(Primitive &primitive, QString type)
        : m_primitive(primitive)
        , m_type(std::move(type))
    {}
    QString typeName() const override { return m_type; }
    QString repr() const override
    {
        if (const auto *barrier = dynamic_cast<const AsyncBarrier *>(&m_primitive))
            return barrier->repr();
        return QStringLiteral("<asyncio.%1 object>").arg(m_type); // the id is not CPython's
    }
    Value callMethod(const QString &name, const expr::Values &args, expr::Scope &) override
    {
        noArguments(name, args);
        if (auto *lock = dynamic_cast<AsyncLock *>(&m_primitive); lock && name == u"locked")
            return Value::boolean(lock->locked());
        if (auto *sem = dynamic_cast<AsyncSemaphore *>(&m_primitive); sem && name == u"locked")
            return Value::boolean(sem->locked());
        if (auto *event = dynamic_cast<AsyncEvent *>(&m_primitive); event && name == u"is_set")
            return Value::boolean(event->isSet());
        if (auto *queue = dynamic_cast<AsyncQueue *>(&m_primitive)) {
            if (name == u"qsize")
                return Value::integer(queue->size());
            if (name == u"empty")
                return Value::boolean(queue->empty());
            if (name == u"full")
                return Value::boolean(queue->full());
        }
        if (auto *future = dynamic_cast<UserFuture *>(&m_primitive)) {
            if (name == u"done")
                return Value::boolean(future->done());
            if (name == u"result") {
                if (!future->done())
                    throw PyError{QStringLiteral("InvalidStateError"),
                                  QStringLiteral("Result is not set."),
                                  {}};
                return future->result();
            }
        }
        raiseNoAttribute(name);
    }

private:
    Primitive &m_primitive;
    QString m_type;
};

QString resourceType(const Primitive &p)
{
    if (dynamic_cast<const AsyncLock *>(&p))
        return QStringLiteral("Lock");
    if (dynamic_cast<const AsyncSemaphore *>(&p))
        return QStringLiteral("Semaphore");
    if (dynamic_cast<const AsyncEvent *>(&p))
        return QStringLiteral("Event");
    if (dynamic_cast<const AsyncQueue *>(&p))
        return QStringLiteral("Queue");
    if (dynamic_cast<const AsyncBarrier *>(&p))
        return QStringLiteral("Barrier");
    if (dynamic_cast<const AsyncCondition *>(&p))
        return QStringLiteral("Condition");
    return QStringLiteral("Future");
}

} // namespace

Value taskValue(Task &task)
{
    std::shared_ptr<expr::Object> object = task.valueObject.lock();
    if (!object) {
        object = std::make_shared<TaskObject>(task);
        task.valueObject = object;
    }
    return Value::object(std::move(object));
}

Task *taskOf(const Value &value)
{
    if (value.kind() != Value::Kind::Object)
        return nullptr;
    auto *task = dynamic_cast<TaskObject *>(&value.object());
    return task ? &task->task() : nullptr;
}

namespace {

// The arguments Python's repr() shows for the classes a `raise` step builds from more than
// one argument (scenario-format.md, `raise`); empty for the others.
QString builtArguments(const PyError &e)
{
    const auto reason = [&e](const char *own) {
        return PyError::repr(e.message.isEmpty() ? QString::fromLatin1(own) : e.message);
    };
    if (e.type == QLatin1String("UnicodeDecodeError"))
        return QStringLiteral("'utf-8', b'\\xff', 0, 1, ") + reason("invalid start byte");
    if (e.type == QLatin1String("UnicodeEncodeError"))
        return QStringLiteral("'ascii', '\u00e9', 0, 1, ") + reason("ordinal not in range(128)");
    if (e.type == QLatin1String("UnicodeTranslateError"))
        return QStringLiteral("'\u00e9', 0, 1, ") + reason("character maps to <undefined>");
    if (e.type == QLatin1String("ExceptionGroup")
        || e.type == QLatin1String("BaseExceptionGroup")) {
        QStringList parts;
        for (const PyError &part : e.group)
            parts << exceptionRepr(part, false);
        return PyError::repr(e.message) + QStringLiteral(", [") + parts.join(QStringLiteral(", "))
               + u']';
    }
    // The engine's float overflow is OSError-like, args (34, '...'): its str is their tuple.
    if (e.strGiven && e.type == QLatin1String("OverflowError")
        && e.message.startsWith(QLatin1String("(34, ")))
        return e.message.mid(1, e.message.size() - 2);
    return {};
}

} // namespace

QString exceptionRepr(const PyError &error, bool emptyArgument)
{
    const QString built = builtArguments(error);
    if (!built.isEmpty())
        return QStringLiteral("%1(%2)").arg(error.type, built);
    if (error.message.isEmpty() && !emptyArgument)
        return error.type + QStringLiteral("()");
    // The engine's KeyError message is the key's repr already: KeyError('k'), KeyError(3).
    const bool keyRepr = error.strGiven && error.type == QLatin1String("KeyError");
    return QStringLiteral("%1(%2)").arg(error.type,
                                        keyRepr ? error.message : PyError::repr(error.message));
}

QString ExceptionObject::repr() const
{
    return exceptionRepr(m_error, m_emptyArgument);
}

Value ExceptionObject::attribute(const QString &name, expr::Scope &scope)
{
    const bool group = m_error.type == QLatin1String("ExceptionGroup")
                       || m_error.type == QLatin1String("BaseExceptionGroup");
    if (group && name == QLatin1String("exceptions")) {
        expr::Values items;
        for (const PyError &e : m_error.group)
            items.push_back(exceptionValue(e));
        return Value::tuple(std::move(items));
    }
    if (group && name == QLatin1String("message"))
        return Value::string(m_error.message);
    return expr::Object::attribute(name, scope);
}

Value exceptionValue(PyError error, bool emptyArgument)
{
    return Value::object(std::make_shared<ExceptionObject>(std::move(error), emptyArgument));
}

std::shared_ptr<expr::Object> resourceObject(Runtime &rt, const QString &id)
{
    Primitive *p = rt.primitive(id);
    if (!p)
        return nullptr;
    return std::make_shared<ResourceObject>(*p, resourceType(*p));
}

} // namespace loopscope::rt
