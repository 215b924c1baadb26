# Precompiled headers, for CI's cold builds (LOOPSCOPE_PCH, OFF by default): .ci/test, .ci/run
# (asan) and .ci/tsan turn it on. Reading the Qt and standard headers is most of a Debug compile
# (ui/canvas/step_form.cpp: 2.7 of 4.4 s CPU); with this a build reads them twice (once per
# family below) instead of once per file: a file of core or ui compiles in 40-50 % less CPU in
# the dev preset, a test in 25-30 % less. Developers keep it off: their builds hit the shared
# compiler cache instead, and a file that forgets an #include still fails to compile there.
#
#   loopscope_precompile(<target> core|widgets)
#
# Only external headers go in: a part's own headers stay reachable only through its link line
# (cmake/parts.cmake), and core's family has no QtGui or QtWidgets header (core/ never includes
# widget headers). QtTest is left out: its headers read QT_TESTCASE_BUILDDIR, which differs per
# test folder, and a precompiled header is only valid with the macros it was made with.
# g++ checks that with -Winvalid-pch (CMake adds it), an error under LOOPSCOPE_WERROR.
option(LOOPSCOPE_PCH "Precompiled Qt and standard headers (CI's cold builds)" OFF)

set(loopscope_pch_core_headers
  <algorithm> <array> <atomic> <chrono> <cmath> <cstdint> <functional> <map> <memory> <mutex>
  <optional> <string> <utility> <variant> <vector>
  <QByteArray> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject> <QJsonValue>
  <QRegularExpression> <QSet> <QString> <QStringList>)
set(loopscope_pch_widgets_headers ${loopscope_pch_core_headers}
  <QAction> <QApplication> <QComboBox> <QDir> <QFileInfo> <QLabel> <QLineEdit> <QMenu>
  <QMessageBox> <QPainter> <QPushButton> <QSettings> <QTimer> <QVBoxLayout> <QWidget>)

# One target per family makes the precompiled header; the others reuse it, which g++ allows
# because every target compiles with the same flags (loopscope_warnings, Qt's -fPIC).
if(LOOPSCOPE_PCH)
  set(host_source ${PROJECT_BINARY_DIR}/pch_host.cpp)
  file(WRITE ${host_source} "// The translation unit that makes the precompiled headers (cmake/pch.cmake).\n")
  foreach(family core widgets)
    add_library(loopscope_pch_${family} STATIC ${host_source})
    target_precompile_headers(loopscope_pch_${family} PRIVATE ${loopscope_pch_${family}_headers})
  endforeach()
  target_link_libraries(loopscope_pch_core PRIVATE Qt6::Core loopscope_warnings)
  target_link_libraries(loopscope_pch_widgets PRIVATE Qt6::Widgets loopscope_warnings)
endif()

function(loopscope_precompile target family)
  if(LOOPSCOPE_PCH)
    target_precompile_headers(${target} REUSE_FROM loopscope_pch_${family})
  endif()
endfunction()
