# The parts of Loopscope: one static library per folder of core/ and ui/. A part's link line
# names the parts it may use, and nothing else: those lines are the architecture's arrows
# (README.md, "Architecture").
#
#   loopscope_add_part(<name> USES <part>... [LIBS <target>...] SOURCES <file>...)
#
# Called from the part's folder. Its headers are reachable only as "<folder>/<header>.h" through
# an include root of its own (build/parts/<name>/<folder> links to the folder), which a target
# gets by linking the part: a file that includes a header of a part its target does not link
# fails to compile. tests/parts_check.cmake (the ctest parts_include_arrows) holds every
# #include to the direct arrows, which compilation alone cannot (a part sees what its parts use).
define_property(GLOBAL PROPERTY LOOPSCOPE_PARTS BRIEF_DOCS "name=folder=uses;..."
  FULL_DOCS "Each part of loopscope_add_part: its name, folder (from the source root) and uses")

function(loopscope_add_part name)
  cmake_parse_arguments(ARG "" "" "USES;LIBS;SOURCES" ${ARGN})
  set(target loopscope_${name})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(Loopscope::${name} ALIAS ${target})
  get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  set(root ${PROJECT_BINARY_DIR}/parts/${name})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${root}/${folder} SYMBOLIC)
  target_include_directories(${target} PUBLIC ${root})
  set(uses)
  foreach(part IN LISTS ARG_USES)
    list(APPEND uses loopscope_${part})
  endforeach()
  target_link_libraries(${target} PUBLIC ${uses} ${ARG_LIBS} PRIVATE loopscope_warnings)
  if(Qt6::Widgets IN_LIST ARG_LIBS)
    loopscope_precompile(${target} widgets)
  else()
    loopscope_precompile(${target} core)
  endif()
  file(RELATIVE_PATH path ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  string(REPLACE ";" "," uses_text "${ARG_USES}")
  set_property(GLOBAL APPEND PROPERTY LOOPSCOPE_PARTS "${name}=${path}=${uses_text}")
endfunction()
