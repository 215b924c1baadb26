// Where the app's data is, installed or not: the lessons, the docs, the Python helpers.
#pragma once

#include <QString>

namespace loopscope {

// The first folder holding a file that matches `glob`, among: $LOOPSCOPE_<NAME>_DIR;
// <bin>/../share/loopscope/<name> (an install under any prefix, see cmake/install.cmake); the
// source tree seen from build/<preset>/app; and the source tree compiled in (tests). Empty when
// none does. `name` is "examples", "docs" or "python".
QString dataFolder(const QString &name, const QString &glob);

QString docsDirectory();          // holds user-guide.md
QString pythonHelpersDirectory(); // holds the *.py helpers, once the source tree has them

} // namespace loopscope
