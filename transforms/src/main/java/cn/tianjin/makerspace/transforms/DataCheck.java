package cn.tianjin.makerspace.transforms;

/**
 * One data check: a DuckDB SQL query over the snapshot's tables that returns the rows breaking one
 * rule, so that it passes when it returns none (dbt's "test"). Written in a {@code .checks.sql}
 * file beside its table's SQL (see {@link DataChecks}).
 *
 * @param name {@code <table>.<rule>}, e.g. {@code requests.unique_request_id}
 * @param table the table the check is about (the file's name)
 * @param description the rule in one sentence
 * @param sql the query returning the offending rows
 * @param source where it is written: the resource path and the line of its {@code -- check:} line
 */
public record DataCheck(String name, String table, String description, String sql, String source) {}
