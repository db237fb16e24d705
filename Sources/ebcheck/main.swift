import EBCheck

print("ebcheck \(EBCheckVersion.current)")
