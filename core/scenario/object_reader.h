// Reading one JSON object of a scenario file field by field. Every problem is recorded and
// reading goes on, so that one pass finds all of them; the fields a reader never asked for
// are what `unusedKeys()` returns, to keep as `extra` or to refuse.
#pragma once

#include "scenario/expectations.h"
#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <vector>

namespace loopscope {

class JsonSourceMap;

struct ReadContext
{
    std::vector<ScenarioProblem> problems;
    const JsonSourceMap *source = nullptr; // for keys in the order written
    QSet<QString> unreadableResources;     // ids of resources whose kind was refused

    void report(const QString &path, const QString &message);
    void missing(const QString &path, const QString &expected);
    void wrongType(const QString &path, const QString &expected, const QJsonValue &got);
};

enum class Presence { Optional, Required };

class ObjectReader
{
public:
    ObjectReader(ReadContext &context, QJsonObject object, QString path);

    const QString &path() const { return m_path; }
    QString pathOf(const QString &key) const;
    bool has(const QString &key) const { return m_object.contains(key); }
    QJsonValue raw(const QString &key); // marks the key as read

    QString string(const QString &key, Presence presence, const QString &expected = {});
    bool boolean(const QString &key, bool fallback);
    double number(const QString &key, double fallback, const QString &expected);
    int wholeNumber(const QString &key, int fallback, const QString &expected);
    Quantity quantity(const QString &key, Presence presence, const QString &expected);
    QJsonObject object(const QString &key, Presence presence, const QString &expected);
    std::optional<QJsonArray> array(const QString &key, Presence presence, const QString &expected);

    // Keys never asked for, with their values.
    QJsonObject unusedKeys() const;
    // Reports every unused key: for objects that have no `extra` to keep them in. A key close
    // to a known one (a typo) gets "did you mean"; `known` is ", "-separated.
    void refuseUnusedKeys(const QString &known);
    // Steps and resources: reports every key never asked for except extension keys ("x-..."),
    // which stay for unusedKeys() to keep; the known keys are those asked for.
    void refuseUnknownKeys();

private:
    // Marks the key read; the value, or Undefined (reported when required) if absent.
    QJsonValue take(const QString &key, Presence presence, const QString &expected);

    void refuseKey(const QString &key, const QStringList &known, bool extensions);

    ReadContext &m_context;
    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_read;
    QStringList m_asked; // m_read in the order asked, for messages
};

// A JSON value as Python's json.loads reads it: a number written with a fraction or an exponent
// is a float whatever its value ("1.0", "1e2"), which only the text at `path` tells; object keys
// in the order written.
PyValue readPyValue(const ReadContext &context, const QJsonValue &value, const QString &path);
PyArgs readPyArgs(const ReadContext &context, const QJsonObject &args, const QString &path);

// The steps reader (step_reader.cpp): one step, or an array of steps, at `path`.
Step readStep(ReadContext &context, const QJsonValue &value, const QString &path);
Steps readSteps(ReadContext &context, const QJsonArray &array, const QString &path);

} // namespace loopscope
