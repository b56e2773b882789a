package cn.tianjin.makerspace.dashboard;

import java.util.Locale;

/** The two languages the dashboard speaks: Chinese first on the pages, English the server's base language. */
public enum Language {
  EN,
  ZH;

  /**
   * The language an {@code Accept-Language} header prefers among Chinese and English (by its q
   * values; the first listed on a tie); English when it names neither or is absent. The pages send
   * the language the user chose ({@code zh-CN} or {@code en}).
   */
  public static Language fromAcceptLanguage(String header) {
    if (header == null) {
      return EN;
    }
    Language best = null;
    double bestQ = 0;
    for (String part : header.split(",")) {
      String[] p = part.trim().split(";");
      String tag = p[0].trim().toLowerCase(Locale.ROOT);
      Language l = tag.equals("zh") || tag.startsWith("zh-") ? ZH : tag.equals("en") || tag.startsWith("en-") ? EN : null;
      double q = 1;
      for (int i = 1; i < p.length; i++) {
        String param = p[i].trim();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (l != null && q > bestQ) {
        best = l;
        bestQ = q;
      }
    }
    return best == null ? EN : best;
  }
}
