import EBCheckCore

extension DjangoClassViews {
  /// The list, detail, date and editing views: their GET reads the database (a queryset
  /// the template renders, an object looked up by the URL's `pk` or `slug`, a model form's
  /// choices), and renders a template named by `template_name` or derived from the model.
  package static func genericNamespace(of name: String) -> [String: RValue] {
    switch name {
    case "MultipleObjectMixin":
      return [
        "allow_empty": .data(.bool(true)), "queryset": .data(.none), "model": .data(.none),
        "paginate_by": .data(.none), "context_object_name": .data(.none),
        "ordering": .data(.none),
        "get_queryset": method("get_queryset") { receiver, _, location, interpreter in
          queryset(receiver, at: location, &interpreter)
        },
      ]
    case "BaseListView", "BaseDateListView":
      return [
        "get": method("get") { receiver, arguments, location, interpreter in
          listGet(
            receiver, arguments, dated: name == "BaseDateListView", at: location, &interpreter)
        }
      ]
    case "MultipleObjectTemplateResponseMixin":
      return [
        "template_name_suffix": .data(.string("_list")),
        "get_template_names": method("get_template_names") { receiver, _, location, interpreter in
          templateNames(receiver, after: name, at: location, &interpreter)
        },
      ]
    case "ArchiveIndexView", "YearArchiveView", "MonthArchiveView", "WeekArchiveView",
      "DayArchiveView", "TodayArchiveView":
      let suffixes = [
        "ArchiveIndexView": "_archive", "YearArchiveView": "_archive_year",
        "MonthArchiveView": "_archive_month", "WeekArchiveView": "_archive_week",
        "DayArchiveView": "_archive_day", "TodayArchiveView": "_archive_day",
      ]
      return ["template_name_suffix": .data(.string(suffixes[name] ?? "_archive"))]
    case "SingleObjectMixin":
      return [
        "model": .data(.none), "queryset": .data(.none), "slug_field": .data(.string("slug")),
        "context_object_name": .data(.none), "slug_url_kwarg": .data(.string("slug")),
        "pk_url_kwarg": .data(.string("pk")), "query_pk_and_slug": .data(.bool(false)),
        "get_queryset": method("get_queryset") { receiver, _, location, interpreter in
          queryset(receiver, at: location, &interpreter)
        },
        "get_object": method("get_object") { receiver, _, location, interpreter in
          object(receiver, at: location, &interpreter)
        },
      ]
    case "BaseDetailView":
      return [
        "get": method("get") { receiver, _, location, interpreter in
          // self.object = self.get_object(); the context holds it.
          guard setObject(receiver, at: location, &interpreter) else {
            return .data(.unknown("exception"))
          }
          return contextAndRender(receiver, at: location, &interpreter)
        }
      ]
    case "SingleObjectTemplateResponseMixin":
      return [
        "template_name_suffix": .data(.string("_detail")),
        "get_template_names": method("get_template_names") { receiver, _, location, interpreter in
          templateNames(receiver, after: name, at: location, &interpreter)
        },
      ]
    case "FormMixin":
      return [
        "initial": .data(.dict([])), "form_class": .data(.none), "success_url": .data(.none),
        "prefix": .data(.none),
        "get_form_class": method("get_form_class") { receiver, _, _, interpreter in
          attribute(receiver, "form_class", &interpreter) ?? .data(.none)
        },
        "get_form": method("get_form") { receiver, _, location, interpreter in
          form(receiver, model: false, at: location, &interpreter)
        },
        "get_form_kwargs": method("get_form_kwargs") { _, _, _, _ in
          // A GET: the initial data and the prefix, no data or files.
          .data(
            .dict([
              PyDictEntry(key: .string("initial"), value: .dict([])),
              PyDictEntry(key: .string("prefix"), value: .none),
            ]))
        },
        "get_context_data": method("get_context_data") {
          receiver, arguments, location, interpreter in
          // Inserts the form (self.get_form()) unless given, then ContextMixin's.
          var rest = arguments
          if rest.keyword("form") == nil {
            let built =
              method(receiver, "get_form", at: location, &interpreter)
            if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
            rest.keywords.append(("form", built))
          }
          guard let next = superMethod(receiver, after: name, "get_context_data", interpreter)
          else { return .data(.dict([])) }
          return interpreter.invokeFromLibrary(next, rest, at: location)
        },
      ]
    case "ModelFormMixin":
      return [
        "fields": .data(.none),
        "get_form": method("get_form") { receiver, _, location, interpreter in
          form(receiver, model: true, at: location, &interpreter)
        },
      ]
    case "ProcessFormView":
      return [
        "get": method("get") { receiver, _, location, interpreter in
          contextAndRender(receiver, at: location, &interpreter)
        }
      ]
    case "BaseCreateView":
      return [
        "get": method("get") { receiver, arguments, location, interpreter in
          if case .instance(let instance) = receiver {
            instance.attributes["object"] = .data(.none)
          }
          return superCall(receiver, after: name, "get", arguments, at: location, &interpreter)
        }
      ]
    case "BaseUpdateView":
      return [
        "get": method("get") { receiver, arguments, location, interpreter in
          guard setObject(receiver, at: location, &interpreter) else {
            return .data(.unknown("exception"))
          }
          return superCall(receiver, after: name, "get", arguments, at: location, &interpreter)
        }
      ]
    case "DeletionMixin":
      return ["success_url": .data(.none)]
    case "BaseDeleteView":
      // Django 4.0+: the confirmation page holds an empty `Form`.
      return ["form_class": .module("django.forms.Form")]
    case "CreateView", "UpdateView":
      return ["template_name_suffix": .data(.string("_form"))]
    case "DeleteView":
      return ["template_name_suffix": .data(.string("_confirm_delete"))]
    default:
      return [:]
    }
  }

  /// `super().name(*arguments)` from the library class `owner`.
  package static func superCall(
    _ receiver: RValue, after owner: String, _ name: String, _ arguments: Arguments,
    at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    guard let next = superMethod(receiver, after: owner, name, interpreter) else {
      return .data(.unknown("super().\(name)()"))
    }
    var rest = arguments
    rest.identities = rest.positional.map { _ in nil }
    return interpreter.invokeFromLibrary(next, rest, at: location)
  }

  /// `self.render_to_response(self.get_context_data())`.
  package static func contextAndRender(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    let context =
      call(receiver, "get_context_data", Arguments(), at: location, &interpreter)
      ?? .data(.dict([]))
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    return method(receiver, "render_to_response", .passing([context]), at: location, &interpreter)
  }

  /// `get_queryset()`: `queryset` (a database read when Django evaluates it), else the
  /// model's default manager; neither is `ImproperlyConfigured`.
  package static func queryset(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    if let given = attribute(receiver, "queryset", &interpreter), given.pyValue != .none {
      return given
    }
    guard let model = attribute(receiver, "model", &interpreter), model.pyValue != .none else {
      return raise("ImproperlyConfigured", at: location, &interpreter)
    }
    return .data(
      .dynamic(
        DynamicValue(reason: "a queryset of \(modelName(model) ?? "the model")", location: location)
      ))
  }

  /// `BaseListView.get` (and the date views'): the queryset the template renders; a date
  /// view without its `year` (from the class or the URL) is `Http404`.
  package static func listGet(
    _ receiver: RValue, _ arguments: Arguments, dated: Bool, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    if dated, case .instance(let instance) = receiver,
      !["ArchiveIndexView", "TodayArchiveView"].contains(where: { name in
        instance.type.resolutionOrder.contains { $0.name == name && $0.module == dates }
      })
    {
      let year = attribute(receiver, "year", &interpreter)?.pyValue ?? .none
      if year == .none, arguments.keyword("year") == nil {
        return raise("Http404", at: location, &interpreter)
      }
    }
    let objects =
      method(receiver, "get_queryset", at: location, &interpreter)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    if case .instance(let instance) = receiver { instance.attributes["object_list"] = objects }
    if !objects.pyValue.isLiteral, !readsDatabase(at: location, &interpreter) {
      return .data(.unknown("exception"))
    }
    return contextAndRender(receiver, at: location, &interpreter)
  }

  /// `self.object = self.get_object()`; false when it raised.
  package static func setObject(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> Bool {
    let found =
      method(receiver, "get_object", at: location, &interpreter)
    if interpreter.pendingRaise != nil { return false }
    if case .instance(let instance) = receiver { instance.attributes["object"] = found }
    return true
  }

  /// `SingleObjectMixin.get_object`: the queryset, then the object the URL's `pk` or `slug`
  /// names (a database read); neither is `AttributeError` ("Generic detail view must be
  /// called with either an object pk or a slug in the URLconf").
  package static func object(
    _ receiver: RValue, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    _ = call(receiver, "get_queryset", Arguments(), at: location, &interpreter)
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    var given = false
    for key in ["pk_url_kwarg", "slug_url_kwarg"] {
      guard case .string(let name)? = attribute(receiver, key, &interpreter)?.pyValue,
        case .data(.dict(let entries))? = attribute(receiver, "kwargs", &interpreter)
      else { continue }
      if entries.contains(where: { $0.key == .string(name) && $0.value != .none }) { given = true }
    }
    guard given else { return raise("AttributeError", at: location, &interpreter) }
    guard readsDatabase(at: location, &interpreter) else { return .data(.unknown("exception")) }
    return .data(.dynamic(DynamicValue(reason: "the object the URL names", location: location)))
  }

  /// `get_form()`: the form class called; a model form needs `fields` or `form_class`
  /// (not both) and reads the database as it renders its choices.
  package static func form(
    _ receiver: RValue, model: Bool, at location: Location, _ interpreter: inout PyInterpreter
  ) -> RValue {
    // form_class(**self.get_form_kwargs()): the repository's override of the keywords runs.
    let keywords =
      call(receiver, "get_form_kwargs", Arguments(), at: location, &interpreter)
      ?? .data(.dict([]))
    if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    let formClass = attribute(receiver, "form_class", &interpreter)
    if let formClass, case .classObject = formClass, case .data(.dict(let entries)) = keywords {
      var passed = Arguments()
      for entry in entries {
        if case .string(let key) = entry.key { passed.keywords.append((key, .data(entry.value))) }
      }
      _ = interpreter.invokeFromLibrary(formClass, passed, at: location)
      if interpreter.pendingRaise != nil { return .data(.unknown("exception")) }
    }
    let fields = attribute(receiver, "fields", &interpreter)?.pyValue ?? .none
    if model {
      let hasClass = formClass.map { $0.pyValue != .none }
      if fields != .none, hasClass == true {
        return raise("ImproperlyConfigured", at: location, &interpreter)
      }
      if hasClass != true, fields == .none {
        // "Using ModelFormMixin (base class of X) without the 'fields' attribute is prohibited."
        return raise("ImproperlyConfigured", at: location, &interpreter)
      }
      guard readsDatabase(at: location, &interpreter) else { return .data(.unknown("exception")) }
      return .data(.dynamic(DynamicValue(reason: "the model form", location: location)))
    }
    guard let built = call(receiver, "get_form_class", Arguments(), at: location, &interpreter)
    else { return .data(.unknown("get_form_class()")) }
    if built.pyValue == .none {
      // form_class is None: calling it is a TypeError.
      return raise("TypeError", at: location, &interpreter)
    }
    return .data(.dynamic(DynamicValue(reason: "the form", location: location)))
  }

  /// The template names of a list or detail view: `template_name` when set, then
  /// `<app_label>/<model_name><suffix>.html` from the model (the object's, or `model`).
  package static func templateNames(
    _ receiver: RValue, after owner: String, at location: Location,
    _ interpreter: inout PyInterpreter
  ) -> RValue {
    let given = attribute(receiver, "template_name", &interpreter)?.pyValue ?? .none
    if given != .none { return .data(.list([PyElement(given)])) }
    let suffix =
      attribute(receiver, "template_name_suffix", &interpreter)?.pyValue.stringValue ?? ""
    var model = attribute(receiver, "model", &interpreter) ?? .data(.none)
    if model.pyValue == .none, let queryset = attribute(receiver, "queryset", &interpreter),
      queryset.pyValue != .none
    {
      model = .data(.unknown("the queryset's model"))
    }
    guard case .classObject(let type) = model else {
      if model.pyValue == .none, owner == "SingleObjectTemplateResponseMixin" {
        return raise("ImproperlyConfigured", at: location, &interpreter)
      }
      return .data(.unknown("the template name Django derives from the view's model"))
    }
    guard let label = appLabel(of: type) else {
      return .data(.unknown("the app label of \(type.name), from which Django names the template"))
    }
    return .data(
      .list([PyElement(.string(label + "/" + type.name.lowercased() + suffix + ".html"))]))
  }

  /// The app label of a repository model: the package its `models` module belongs to.
  package static func appLabel(of type: PyClassObject) -> String? {
    var parts = type.module.split(separator: ".").map(String.init)
    guard parts.last == "models", parts.count >= 2 else { return nil }
    parts.removeLast()
    return parts.last
  }

  package static func modelName(_ model: RValue) -> String? {
    if case .classObject(let type) = model { return type.name }
    return nil
  }
}
