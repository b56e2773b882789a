package cn.tianjin.makerspace.dashboard;

/** A message the dashboard can say in English and in Chinese. */
public record Message(String en, String zh) {
  public String in(Language language) {
    return language == Language.ZH ? zh : en;
  }

  /** Both with {@link String#format} arguments filled in. */
  public Message formatted(Object... args) {
    return new Message(String.format(en, args), String.format(zh, args));
  }

  /**
   * This message as formatted to {@code text} (found anywhere in it), with the same arguments in
   * both languages; null if {@code text} holds no such message. For English texts that cross a
   * boundary as text (a console query process's answer, DuckDB's error() inside a query) and are
   * said in the user's language where the server answers. The arguments are placeholders
   * {@code %s} and {@code %d}.
   */
  public Message recognise(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = en.split("%[sd]", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(i == parts.length - 1 && parts[i].isEmpty() ? "(.+)" : "(.+?)");
      }
      regex.append(java.util.regex.Pattern.quote(parts[i]));
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL).matcher(text);
    if (!m.find()) {
      return null;
    }
    Object[] args = new Object[m.groupCount()];
    for (int i = 0; i < args.length; i++) {
      args[i] = m.group(i + 1);
    }
    return new Message(en.replaceAll("%[sd]", "%s"), zh.replaceAll("%[sd]", "%s")).formatted(args);
  }

  /** One line in both languages, for the command line: {@code English / 中文}. */
  public String both() {
    return en + " / " + zh;
  }
}
