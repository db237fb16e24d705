extension Array where Element == String {
  /// The elements with `separator` between them, as `joined(separator:)` gives them. The
  /// standard library's generic `joined` is not specialised for the caller: on its first use
  /// for a collection type the runtime builds that type's metadata and witnesses by
  /// demangling (tens of thousands of instructions each), which a short run pays in full.
  package func joinedBySeparator(_ separator: String) -> String {
    var text = ""
    for (position, element) in enumerated() {
      if position > 0 { text += separator }
      text += element
    }
    return text
  }
}

extension Array where Element == Substring {
  /// The elements with `separator` between them, as `joined(separator:)` gives them (see
  /// `[String].joinedBySeparator`).
  package func joinedBySeparator(_ separator: String) -> String {
    var text = ""
    for (position, element) in enumerated() {
      if position > 0 { text += separator }
      text.append(contentsOf: element)
    }
    return text
  }
}
