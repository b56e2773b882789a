package cn.tianjin.makerspace.dashboard.web;

import static cn.tianjin.makerspace.dashboard.Role.ADMIN;

import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.dashboard.Message;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import cn.tianjin.makerspace.dashboard.UserStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 用户管理 (administrators only): {@code GET /api/admin/users} lists the users,
 * {@code POST /api/admin/users {name, role, district, password}} adds a user or resets one (role,
 * district, password), {@code POST /api/admin/users/delete {name}} removes one (not yourself).
 * A changed or removed user's sessions end at once. No response carries a password hash.
 */
final class AdminController {
  private AdminController() {}

  /** The body of an add or reset. */
  record UserForm(String name, String role, String district, String password) {}

  /** The body of a removal. */
  record NameForm(String name) {}

  static void routes(RoutesConfig r, DashboardApp.Deps deps, Sessions sessions) {
    UserStore users = deps.users();
    MetaService meta = deps.meta();
    r.get("/api/admin/users", ctx -> ctx.json(list(ctx, users, deps)), ADMIN);
    r.post("/api/admin/users", ctx -> ctx.json(save(ctx, users, meta, sessions)), ADMIN);
    r.post("/api/admin/users/delete", ctx -> ctx.json(remove(ctx, users, sessions)), ADMIN);
  }

  /** A user as the API shows them (never the password hash). */
  record UserView(String name, String role, String district) {
    static UserView of(User u) {
      return new UserView(u.name(), u.role().id(), u.districtCode());
    }
  }

  /** The 用户管理 panel: who is signed in, every user by name, the roles and districts to choose from, the shortest password. */
  record Users(String me, List<UserView> users, List<String> roles, List<Map<String, Object>> districts, int minPassword) {}

  /** A saved user, and whether the save created them. */
  record Saved(String name, String role, String district, boolean created) {}

  /** The name of a removed user. */
  record Removed(String removed) {}

  private static Users list(Context ctx, UserStore users, DashboardApp.Deps deps) {
    return new Users(Access.user(ctx).name(), users.list().stream().sorted((a, b) -> a.name().compareTo(b.name())).map(UserView::of).toList(),
        Arrays.stream(Role.values()).filter(x -> x != Role.ANYONE).map(Role::id).toList(),
        deps.snapshot().get().select(SqlResources.load("dashboard-sql/meta/districts.sql"), (Object) null).records(), UserStore.MIN_PASSWORD);
  }

  private static Saved save(Context ctx, UserStore users, MetaService meta, Sessions sessions) {
    UserForm f = Params.body(ctx, UserForm.class);
    UserStore.requireValidName(f.name());
    if (f.role() == null || f.role().isBlank()) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("name a role: leader, analyst, district or admin", "请选择角色：leader、analyst、district 或 admin"));
    }
    Role role = Role.parse(f.role());
    String district = f.district() == null || f.district().isBlank() ? null : f.district().trim();
    if (role == Role.DISTRICT && district == null) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("a district user needs a district", "区县用户须选择区县"));
    }
    if (role != Role.DISTRICT) {
      district = null; // only a district user is bound to a district
    }
    if (f.password() == null) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("a password is required (at least %d characters)", "请输入密码（至少 %d 个字符）")
          .formatted(UserStore.MIN_PASSWORD));
    }
    User me = Access.user(ctx);
    if (f.name().equals(me.name()) && role != Role.ADMIN) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("you cannot take the admin role from yourself", "不能取消自己的管理员角色"));
    }
    boolean existed = users.find(f.name()).isPresent();
    User saved = users.add(f.name(), role, district, f.password().toCharArray(),
        role == Role.DISTRICT ? meta.districtCodes() : Set.of());
    sessions.endAll(saved.name());
    return new Saved(saved.name(), saved.role().id(), saved.districtCode(), !existed);
  }

  private static Removed remove(Context ctx, UserStore users, Sessions sessions) {
    NameForm f = Params.body(ctx, NameForm.class);
    UserStore.requireValidName(f.name());
    if (f.name().equals(Access.user(ctx).name())) {
      throw new HttpError(HttpStatus.BAD_REQUEST, new Message("you cannot remove yourself", "不能删除自己"));
    }
    if (!users.remove(f.name())) {
      throw new HttpError(HttpStatus.NOT_FOUND, new Message("no user %s", "没有用户 %s").formatted(f.name()));
    }
    sessions.endAll(f.name());
    return new Removed(f.name());
  }

}
