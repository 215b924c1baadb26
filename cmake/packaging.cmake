# `cpack -G DEB` in a build folder: loopscope_<version>_<arch>.deb of what `cmake --install`
# puts under /usr. Depends comes from dpkg-shlibdeps on the installed binary (the Qt 6 and C++
# runtime libraries it links); dpkg's triggers refresh the MIME, desktop and icon caches.
set(CPACK_PACKAGE_NAME "loopscope")
set(CPACK_PACKAGE_VENDOR "Loopscope maintainers")
# No address has been chosen for the maintainers yet: override with -DLOOPSCOPE_PACKAGE_CONTACT.
set(LOOPSCOPE_PACKAGE_CONTACT "Loopscope maintainers <maintainers@loopscope.invalid>"
  CACHE STRING "Maintainer field of the Debian package")
set(CPACK_PACKAGE_CONTACT "${LOOPSCOPE_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explore Python asyncio concurrency as per-task timelines")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "loopscope")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # loopscope_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; CPack indents this body for the control file.
set(CPACK_PACKAGE_DESCRIPTION
  "Compose an asyncio scenario (awaits, CPU work, blocking calls, locks, semaphores, events,
queues, tasks, gather, TaskGroup, wait_for, cancellation, thread and process pools, the GIL),
run it on a real instrumented coroutine runtime, and watch each task's life as a Gantt lane.
Exports SVG, PNG, PDF, Mermaid, Perfetto trace JSON and the equivalent Python program.")
# Qt's xcb and offscreen platform plugins are in libqt6gui6 on Debian 12, which shlibdeps finds.

include(CPack)
