package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.UserError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one list mechanism of the dashboard's lists (the overdue requests, the quarantined rows, the
 * shortlist…): a service's whole list, in its SQL's order, sorted on request by one of its columns
 * (a stable sort, so ties keep the SQL's order) and cut to a page, with the total. The same
 * {@link #sorted} list, unpaged, is what the list's export writes ({@link ListExport}), so the file
 * holds exactly the rows the page's filters select, in the order shown. Sorting only orders rows
 * a mart already computed; it computes no rule.
 */
public record ListPage(long total, int offset, int limit, String sort, String dir, List<String> columns, List<Map<String, Object>> rows) {

  /** A sort order: a column of the list, ascending or descending; {@link #NONE}: the SQL's order. */
  public record Sort(String column, boolean descending) {
    public static final Sort NONE = new Sort(null, false);

    public String dir() {
      return column == null ? null : descending ? "desc" : "asc";
    }
  }

  /** A whole list: its columns (in order) and its rows. */
  public record Rows(List<String> columns, List<Map<String, Object>> rows) {
    public static Rows of(QueryResult r) {
      return new Rows(r.columns(), r.records());
    }
  }

  /**
   * A list as a service answers it: {@code name} (the export's file name), its Chinese title, the
   * scope it was selected with (quarter, district, as-of date…: sent with every page and written
   * in the export's title) and the whole list.
   */
  public record Listing(String name, String titleZh, Map<String, Object> scope, Rows rows) {
    /** The title with the scope: {@code 逾期未反馈需求清单 · quarter 2025Q3 · district 120101 · asOf 2026-11-27}. */
    public String title() {
      StringBuilder b = new StringBuilder(titleZh);
      scope.forEach((k, v) -> b.append(" · ").append(k).append(' ').append(v == null ? "全部" : v));
      return b.toString();
    }

    /** The file name: {@code sla-overdue-2025Q3-120101.csv}. */
    public String fileName(String extension) {
      return ListExport.fileName(name, scope.entrySet().stream().filter(e -> !e.getKey().equals("asOf"))
          .map(e -> e.getValue() == null ? null : e.getValue().toString()).toList(), extension);
    }

    /** One page of it, with its scope: the JSON a list's page request answers. */
    public Map<String, Object> page(Sort sort, int offset, int limit) {
      ListPage p = ListPage.of(rows, sort, offset, limit);
      Map<String, Object> m = new java.util.LinkedHashMap<>(scope);
      m.put("total", p.total());
      m.put("offset", p.offset());
      m.put("limit", p.limit());
      m.put("sort", p.sort());
      m.put("dir", p.dir());
      m.put("columns", p.columns());
      m.put("rows", p.rows());
      return m;
    }
  }

  /** A sort by a column the list does not have. */
  public static final class UnknownColumn extends UserError {
    UnknownColumn(String column, List<String> columns) {
      super("cannot sort by '" + column + "': the list's columns are " + String.join(", ", columns));
    }
  }

  /** The list sorted by {@code sort} (nulls last either way), a new list; the input as it is for {@link Sort#NONE}. */
  public static Rows sorted(Rows list, Sort sort) {
    if (sort.column() == null) {
      return list;
    }
    if (!list.columns().contains(sort.column())) {
      throw new UnknownColumn(sort.column(), list.columns());
    }
    Comparator<Object> values = ListPage::compareValues;
    Comparator<Object> order = sort.descending() ? values.reversed() : values;
    Comparator<Map<String, Object>> byColumn = Comparator.comparing(r -> r.get(sort.column()), Comparator.nullsLast(order));
    List<Map<String, Object>> rows = new ArrayList<>(list.rows());
    rows.sort(byColumn);
    return new Rows(list.columns(), rows);
  }

  /** One page of the sorted list: {@code limit} rows from {@code offset}, and the total. */
  public static ListPage of(Rows list, Sort sort, int offset, int limit) {
    List<Map<String, Object>> all = sorted(list, sort).rows();
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + limit);
    return new ListPage(all.size(), offset, limit, sort.column(), sort.dir(), list.columns(), List.copyOf(all.subList(from, to)));
  }

  /** Numbers by value, text and dates by their natural order, anything else by its text. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    if (a instanceof Comparable x && a.getClass().equals(b.getClass())) {
      return x.compareTo(b);
    }
    return QueryResult.text(a).compareTo(QueryResult.text(b));
  }
}
