package cn.tianjin.makerspace.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dashboard's users, in {@code <warehouse>/dashboard/users.json} (hashed passwords only; mode
 * 0600, see {@link PrivateFiles}), rewritten atomically on every change.
 */
public final class UserStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{2,64}");
  /** Minimum password length for passwords a person chooses. */
  public static final int MIN_PASSWORD = 10;
  /** Minimum number of different characters in a password a person chooses ({@code aaaaaaaaaa} has one). */
  public static final int MIN_DISTINCT_CHARACTERS = 5;

  private final Path file;

  public UserStore(Path warehouse) {
    this.file = PrivateFiles.folder(warehouse).resolve("users.json");
  }

  public synchronized List<User> list() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<User>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public Optional<User> find(String name) {
    return list().stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /**
   * Adds (or replaces) a user. {@code knownDistricts} are the district codes of the live
   * snapshot: a district user must name one of them.
   */
  public synchronized User add(String name, Role role, String district, char[] password, Set<String> knownDistricts) {
    requireValidName(name);
    if (role == Role.DISTRICT) {
      if (district == null || district.isBlank()) {
        throw new BilingualError(new Message("a district user needs --district CODE", "区县用户须指定区县（--district 区县代码）"));
      }
      if (!knownDistricts.contains(district)) {
        throw new BilingualError(new Message("unknown district code '%s' (known: %s)", "没有区县代码“%s”（已知：%s）")
            .formatted(district, String.join(", ", new java.util.TreeSet<>(knownDistricts))));
      }
    } else if (district != null) {
      throw new BilingualError(new Message("only a district user is bound to a district", "只有区县用户才绑定区县"));
    }
    requireStrongPassword(name, password);
    User user = new User(name, role, role == Role.DISTRICT ? district : null, Passwords.hash(password));
    List<User> users = new ArrayList<>(list());
    users.removeIf(u -> u.name().equals(name));
    users.add(user);
    save(users);
    return user;
  }

  /** Removes a user; false when there was none of that name. A malformed name is a user error. */
  public synchronized boolean remove(String name) {
    requireValidName(name);
    List<User> users = new ArrayList<>(list());
    if (!users.removeIf(u -> u.name().equals(name))) {
      return false;
    }
    save(users);
    return true;
  }

  /**
   * A password a person chooses: at least {@value #MIN_PASSWORD} characters, not only white space,
   * not the user name (in any case), and at least {@value #MIN_DISTINCT_CHARACTERS} different
   * characters. Otherwise a user error that says which rule, in English and Chinese.
   */
  public static void requireStrongPassword(String name, char[] password) {
    String p = new String(password);
    if (p.length() < MIN_PASSWORD) {
      throw new BilingualError(new Message("the password must have at least %d characters", "密码至少需要 %d 个字符")
          .formatted(MIN_PASSWORD));
    }
    if (p.isBlank()) {
      throw new BilingualError(new Message("the password must not be only spaces", "密码不能只由空格等空白字符组成"));
    }
    if (name != null && p.strip().equalsIgnoreCase(name)) {
      throw new BilingualError(new Message("the password must not be the user name", "密码不能与用户名相同"));
    }
    if (p.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
      throw new BilingualError(new Message("the password must have at least %d different characters (not like aaaaaaaaaa)",
          "密码至少需要 %d 个不同的字符（不能像 aaaaaaaaaa 这样）").formatted(MIN_DISTINCT_CHARACTERS));
    }
  }

  /** A user name is 2-64 letters, digits or {@code _ . @ -}; anything else is a user error. */
  public static void requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new BilingualError(new Message("a user name is 2-64 letters, digits or _ . @ -", "用户名须为 2 到 64 个字母、数字或 _ . @ -"));
    }
  }

  /** The user whose password matches, if any. */
  public Optional<User> authenticate(String name, char[] password) {
    Optional<User> user = find(name);
    if (user.isEmpty()) {
      Passwords.matches(password, DUMMY); // the same work whether or not the name exists
      return Optional.empty();
    }
    return Passwords.matches(password, user.get().passwordHash()) ? user : Optional.empty();
  }

  private static final String DUMMY = Passwords.hash("not a password".toCharArray());

  /**
   * With no users yet, creates {@code admin} with a random password and returns that password
   * (to be shown once); otherwise empty.
   */
  public synchronized Optional<String> createFirstAdmin() {
    if (!list().isEmpty()) {
      return Optional.empty();
    }
    String password = Passwords.random();
    while (password.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
      password = Passwords.random(); // 16 random characters of 57 fail the rule once in about 10^13 draws
    }
    add("admin", Role.ADMIN, null, password.toCharArray(), Set.of());
    return Optional.of(password);
  }

  private void save(List<User> users) {
    try {
      PrivateFiles.replace(file, JSON.writeValueAsBytes(users));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
