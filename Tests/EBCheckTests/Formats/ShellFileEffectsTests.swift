import EBCheckCore
import EBCheckFormats
import Testing

@Suite struct ShellFileEffectsTests {
  @Test func copiesMovesAndLinks() {
    let effects = ShellFileEffects.read(
      """
      #!/usr/bin/env bash
      # 설치: copy our virtual hosts
      cp -f /opt/python/current/app/deploy/wsgi.conf /etc/httpd/conf.d/wsgi.conf
      mv conf/a.conf /etc/nginx/conf.d/a.conf && ln -sf /srv/b.conf /etc/nginx/conf.d/b.conf
      cat deploy/extra.conf >> /etc/httpd/conf.d/extra.conf
      rm -f /etc/httpd/conf.d/welcome.conf
      supervisorctl -c /opt/python/etc/supervisord.conf restart httpd
      """)
    let summary = effects.effects.map { "\($0.target) \($0.action)" }
    #expect(
      summary == [
        "/etc/httpd/conf.d/wsgi.conf copy(from: \"/opt/python/current/app/deploy/wsgi.conf\")",
        "/etc/nginx/conf.d/a.conf copy(from: \"conf/a.conf\")",
        "conf/a.conf delete",
        "/etc/nginx/conf.d/b.conf copy(from: \"/srv/b.conf\")",
        "/etc/httpd/conf.d/extra.conf appendFile(from: \"deploy/extra.conf\")",
        "/etc/httpd/conf.d/welcome.conf delete",
      ])
    #expect(effects.unread.isEmpty)
    #expect(effects.restartsHttpd)
  }

  @Test func literalWritesAndHeredocs() {
    let script =
      "echo \"WSGIPassAuthorization On\" >> ../wsgi.conf\r\n"
      + "printf 'a\\nb' | tee -a /etc/x.conf\n"
      + "cat > /etc/httpd/conf.d/h.conf <<'EOF'\n<Location /health/>\n  Require all granted\n</Location>\nEOF\n"
      + "cat <<EOF > /etc/y.conf\nHost $HOST\nEOF\n"
    let effects = ShellFileEffects.read(script)
    #expect(effects.effects.count == 3)
    #expect(effects.effects[0].action == .appendText("WSGIPassAuthorization On\n"))
    #expect(effects.effects[1].action == .appendText("a\nb"))
    #expect(
      effects.effects[2].action
        == .write("<Location /health/>\n  Require all granted\n</Location>\n"))
    // An unquoted marker expands `$HOST`: not literal.
    #expect(effects.unread.count == 1)
  }

  @Test func sedSubstitutions() {
    let effects = ShellFileEffects.read(
      "sed -i 's/Redirect 404/Redirect gone/' deploy/wsgi.conf\nsed -i.bak -e 's|^Listen 80$|Listen 8080|g' /etc/httpd/conf/httpd.conf\nsed -i 's/\\(a\\)/b/' x.conf\nsed -i \"s/$OLD/new/\" y.conf"
    )
    #expect(effects.effects.count == 2)
    guard case .replace(let pattern, let replacement, let every) = effects.effects[0].action else {
      Issue.record("not a substitution")
      return
    }
    #expect(replacement == "Redirect gone" && !every)
    #expect(
      pattern.apply(
        to: "  Redirect 404 / # Redirect 404", replacement: replacement, everyOccurrence: false)
        == "  Redirect gone / # Redirect 404")
    guard case .replace(let anchored, let other, _) = effects.effects[1].action else {
      Issue.record("not a substitution")
      return
    }
    #expect(
      anchored.apply(to: "Listen 80", replacement: other, everyOccurrence: true) == "Listen 8080")
    #expect(
      anchored.apply(to: "Listen 8000", replacement: other, everyOccurrence: true) == "Listen 8000")
    // A group and a variable are not read: both commands are listed as unread.
    #expect(effects.unread.count == 2)
  }

  @Test func substitutionAndVariablesAreUnread() {
    let effects = ShellFileEffects.read(
      "cp $(ls conf/*.conf | head -1) /etc/httpd/conf.d/app.conf\ncp \"$SRC\" /etc/nginx/conf.d/\nenvsubst < t.conf > /etc/nginx/conf.d/t.conf\necho ok 2>/dev/null"
    )
    #expect(effects.effects.isEmpty)
    #expect(effects.unread.count == 3)
  }
}
