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

  /** One line in both languages, for the command line: {@code English / 中文}. */
  public String both() {
    return en + " / " + zh;
  }
}
