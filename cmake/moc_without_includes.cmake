# moc without the include paths. moc follows every #include it can find (QtWidgets, QtTest, our own headers) to
# learn macros, and none of them changes what it writes for our classes: the output is the same byte for byte
# (one difference: a Qt header's Q_MOC_INCLUDE of <QtGui/qtextcursor.h>, which the code moc writes does not
# use). Reading them was nearly all of moc's time: ~0.8 s per file, 125 files, a minute of a clean build
# (README "Build time").
file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/moc_without_includes.sh
  CONTENT "#!/bin/sh\nfor arg do\n  shift\n  case \"$arg\" in -I*|-F*) ;; *) set -- \"$@\" \"$arg\" ;; esac\ndone\nexec '$<TARGET_FILE:Qt6::moc>' \"$@\"\n"
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Runs target's AUTOMOC through it.
function(attnlab_moc_without_includes target)
  set_target_properties(${target} PROPERTIES AUTOMOC_EXECUTABLE ${CMAKE_BINARY_DIR}/moc_without_includes.sh)
endfunction()
