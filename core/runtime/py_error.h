// A Python exception travelling through interpreted coroutines as a C++ exception.
#pragma once

#include <QString>

#include <vector>

namespace loopscope::rt {

struct PyError
{
    QString type; // "ValueError", "CancelledError", "TimeoutError", "ExceptionGroup", ...
    QString message;
    std::vector<PyError> group; // ExceptionGroup: the sub-exceptions

    bool isCancel() const { return type == QLatin1String("CancelledError"); }
    // "ValueError: boom", or "ValueError" alone when there is no message.
    QString describe() const
    {
        return message.isEmpty() ? type : type + QLatin1String(": ") + message;
    }
    static PyError cancelled() { return {QStringLiteral("CancelledError"), {}, {}}; }
};

} // namespace loopscope::rt
