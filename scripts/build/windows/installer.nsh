; NSIS additions to electron-builder's installer (electron-builder.yml: nsis.include).
; The terminal is a kiosk: it starts when anyone logs in to the visitation-room PC, without a
; desktop shortcut. The installer is per-machine, so the Run entry goes under HKLM (all users);
; uninstalling removes it. A kiosk under Assigned Access or Shell Launcher (docs/deploy.md) is
; started by Windows itself; the single-instance lock makes a second start hand over and quit.

!macro customInstall
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "YunnanVisitationTerminal" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
!macroend

!macro customUnInstall
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "YunnanVisitationTerminal"
!macroend
