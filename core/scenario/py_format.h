// Python's text of a value, as str() and repr() write it: the one place where a number or a
// string of a scenario becomes text that Python would have printed (print's `{x}`, the Python
// export's literals, messages). The value system of a later version builds on these.
#pragma once

#include <QString>

namespace loopscope::py {

// repr(float), which is also str(float) (CPython's float_repr, 'r' mode): the shortest digits
// that read back to the same double; a whole value keeps ".0"; the exponent form ("1e+16",
// "1e-05", "1.5e+16") when the decimal exponent is below -4 or at least 16; "inf", "-inf",
// "nan"; "-0.0" for negative zero.
QString floatRepr(double value);

// repr(int) and str(int).
QString intRepr(qint64 value);

// repr(str): single quotes unless the text holds a ' and no ", backslash escapes for the quote,
// \\, \t, \n, \r and other unprintable characters (\xhh, \uhhhh, \Uhhhhhhhh), as CPython writes.
QString strRepr(const QString &text);

} // namespace loopscope::py
