package cn.tianjin.makerspace.ingestion;

import java.util.List;

/**
 * What ingesting one source (基础数据, 季报 or 需求日志) produced: its line of the summary table,
 * and the counts of every file it read, for the manifest. The two differ for 季报: a superseded
 * submission is in the manifest, not in the summary.
 */
record SourceResult(SourceSummary summary, List<FileCounts> files) {}
