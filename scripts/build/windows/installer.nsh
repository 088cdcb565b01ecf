; NSIS additions to electron-builder's installer (electron-builder.yml: nsis.include).
; The terminal is a kiosk: it starts when anyone logs in to the visitation-room PC, without a
; desktop shortcut. The installer is per-machine, so the Run entry goes under HKLM (all users);
; uninstalling removes it. Under Shell Launcher or Assigned Access, which start the terminal
; themselves, the entry must be removed (docs/deploy.md): Shell Launcher runs it too, and the
; second copy's quitting would make it restart the shell over and over.

; --js-flags: V8's young generation held at 2 MiB semi-spaces in main and the renderers (only the
; command line reaches main's V8): main's memory stays flat over a long visit instead of growing by
; ~30 MiB as V8 sizes it up (npm run bench:recording; docs/deploy.md).

; An update (isUpdated) leaves the entry as the administrator left it.

!macro customInstall
  ${ifNot} ${isUpdated}
    WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "YunnanVisitationTerminal" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --js-flags=--max-semi-space-size=2'
  ${endIf}
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "YunnanVisitationTerminal"
  ${endIf}
!macroend
