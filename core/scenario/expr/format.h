// format(value, spec): Python's format mini-language for str, int, bool, float and None,
// exactly as CPython 3.12 writes it (fill, align, sign, z, #, 0, width, grouping, precision,
// and the types s d b o x X c n e E f F g G %). Used by f-strings and format().
#pragma once

#include "scenario/expr/value.h"

namespace loopscope::expr {

QString formatValue(const Value &value, const QString &spec); // raises ValueError, TypeError
QString asciiRepr(const Value &value); // ascii(value): repr, non-ASCII escaped

// A parsed format spec ([[fill]align][sign][z][#][0][width][grouping][.precision][type]).
struct FormatSpec
{
    QChar fill = QLatin1Char(' ');
    char align = 0; // '<', '>', '^', '=' or 0 (the type's default)
    char sign = 0;  // '+', '-', ' ' or 0
    bool noNegativeZero = false;
    bool alternate = false;
    int width = -1;
    char grouping = 0; // ',', '_' or 0
    int precision = -1;
    char type = 0;

    // defaultAlign: '>' for numbers, '<' for strings (a '0' flag means '=' only for numbers).
    static FormatSpec parse(const QString &spec, char defaultAlign, const QString &typeName);
};

// The float's text for a spec's type and precision, without sign: "1.50", "1e+16", "inf".
QString floatDigits(double magnitude, char type, int precision, bool alternate);

} // namespace loopscope::expr
