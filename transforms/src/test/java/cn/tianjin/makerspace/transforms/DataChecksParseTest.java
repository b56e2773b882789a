package cn.tianjin.makerspace.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks files: how they are read, and a malformed one refused with its path and line. */
class DataChecksParseTest {
  private static final String PATH = "marts/requests.checks.sql";

  @Test
  void readsNameDescriptionAndQuery() {
    List<DataCheck> checks = DataChecks.parse(PATH, "requests", """
        -- Checks of the requests mart.

        -- check: requests.unique_request_id
        -- Each request once,
        -- and never without an id.
        select request_id, count(*) as copies
        from requests   -- every row
        group by request_id having count(*) > 1;

        -- check: requests.satisfaction_1_to_5
        -- A satisfaction is 1 to 5.
        select request_id from requests where satisfaction not between 1 and 5
        """);
    assertEquals(2, checks.size());
    DataCheck first = checks.get(0);
    assertEquals("requests.unique_request_id", first.name());
    assertEquals("requests", first.table());
    assertEquals("Each request once, and never without an id.", first.description());
    assertEquals("select request_id, count(*) as copies\nfrom requests   -- every row\ngroup by request_id having count(*) > 1", first.sql());
    assertEquals(PATH + " line 3", first.source());
    assertEquals("select request_id from requests where satisfaction not between 1 and 5", checks.get(1).sql());
    assertEquals(PATH + " line 10", checks.get(1).source());
  }

  @Test
  void malformedFilesNameThePathAndLine() {
    assertRefused("""
        -- header
        select 1;
        """, PATH + " line 2: SQL before the first '-- check: <name>' line");
    assertRefused("""
        -- check: requests.no_words
        select 1;
        """, PATH + " line 1: check 'requests.no_words' has no description");
    assertRefused("""
        -- check: requests.a
        -- A rule.
        select 1;

        -- check: requests.no_query
        -- Another rule.
        """, PATH + " line 5: check 'requests.no_query' has no query");
    assertRefused("""
        -- check: requests.two
        -- Two statements.
        select 1;
        select 2;
        """, PATH + " line 3: check 'requests.two' has more than one statement");
    assertRefused("""
        -- check: kpi_district_quarter.unique
        -- Wrong table.
        select 1
        """, PATH + " line 1: check name 'kpi_district_quarter.unique' must be 'requests.<rule>'");
    assertRefused("""
        -- check: requests.Bad-Name
        -- Bad characters.
        select 1
        """, PATH + " line 1: check name 'requests.Bad-Name' must be 'requests.<rule>'");
    assertRefused("""
        -- check: requests.twice
        -- Once.
        select 1;
        -- check: requests.twice
        -- Twice.
        select 2;
        """, PATH + " line 4: check 'requests.twice' is defined twice");
    assertRefused("-- only a comment\n", PATH + " line 1: no '-- check: <name>' line");
  }

  private static void assertRefused(String text, String expectedStart) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataChecks.parse(PATH, "requests", text));
    assertTrue(e.getMessage().startsWith(expectedStart), "expected '" + expectedStart + "…' but got: " + e.getMessage());
  }

  /** The shipped files parse, names are unique, every mart and checked table has checks, 30 at least. */
  @Test
  void theShippedChecks() {
    List<DataCheck> all = DataChecks.all();
    assertTrue(all.size() >= 30, all.size() + " checks");
    Set<String> names = new HashSet<>();
    all.forEach(c -> assertTrue(names.add(c.name()), "unique name " + c.name()));
    Set<String> tables = new HashSet<>();
    all.forEach(c -> tables.add(c.table()));
    for (String table : Marts.ALL) {
      assertTrue(tables.contains(table), "checks for mart " + table);
    }
    assertTrue(tables.containsAll(DataChecks.TABLES), tables.toString());
    all.forEach(c -> assertTrue(c.description().endsWith("."), "one sentence: " + c.name() + ": " + c.description()));
  }
}
