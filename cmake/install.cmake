# `cmake --install`: the standard places under the prefix (GNUInstallDirs). The app looks for
# its data relative to its executable (bin/../share/loopscope/...), so any prefix works,
# a staging one included (tests/install/tst_install).
#
#   bin/loopscope                            the command line and the --worker mode (Qt Core)
#   bin/loopscope-gui                        the GUI, and the commands that draw, which
#                                            bin/loopscope hands to it (app/main.cpp)
#   share/loopscope/examples/*.loop.json     the lessons (Help ▸ Examples, `loopscope examples`)
#   share/loopscope/docs/                    the user guide and the formats (Help ▸ Manual)
#   share/loopscope/python/                  the Python helpers, once the source tree has them
#   share/doc/loopscope/README.md
#   share/applications, share/icons/hicolor, share/mime/packages, share/metainfo,
#   share/man/man1                           from resources/CMakeLists.txt
set(LOOPSCOPE_DATADIR "${CMAKE_INSTALL_DATADIR}/loopscope")

# Two executables, side by side: loopscope hands the GUI to loopscope-gui in its own folder.
# `loopscope --worker` is the process-pool worker, so there is nothing else to install.
install(TARGETS loopscope loopscope-gui RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/examples/" DESTINATION "${LOOPSCOPE_DATADIR}/examples"
  FILES_MATCHING PATTERN "*.loop.json" PATTERN "README.md")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${LOOPSCOPE_DATADIR}/docs"
  FILES_MATCHING PATTERN "*.md" PATTERN "*.png")
# share/doc/loopscope, as Debian names a package's documentation (DOCDIR would say Loopscope).
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/loopscope")

# The Python helpers (importer, recorder) live in python/ once they land: everything there but
# caches and tests is installed, so a new helper needs no change here. Scripts keep their
# executable bit (USE_SOURCE_PERMISSIONS).
if(IS_DIRECTORY "${PROJECT_SOURCE_DIR}/python")
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/python/" DESTINATION "${LOOPSCOPE_DATADIR}/python"
    USE_SOURCE_PERMISSIONS
    PATTERN "__pycache__" EXCLUDE PATTERN "*.pyc" EXCLUDE PATTERN "tests" EXCLUDE)
endif()
