package jp.nimo.infra.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * What a backup file holds, as {@code manifest.json} beside one entry per table: enough to recreate
 * the schema at the same Flyway version, put every row back and prove nothing changed on the way.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupManifest(String format, int formatVersion, String schemaVersion, String createdAt,
                             String serverVersion, String secrets, List<Table> tables, List<Sequence> sequences) {

    public static final String FORMAT = "nimo-backup";
    public static final int FORMAT_VERSION = 1;
    public static final String ENTRY = "manifest.json";
    public static final String SECRETS = "not included: keep the master key (NIMO_MASTER_KEY or master.key under"
            + " the data directory) separately; without it the case data in this backup cannot be read";

    /** One table: its zip entry (binary COPY data), the columns in COPY order, its rows and the entry's SHA-256. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Table(String name, String entry, List<String> columns, long rows, String sha256) {
    }

    /** A sequence's state as {@code setval(name, lastValue, called)} puts it back. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sequence(String name, long lastValue, boolean called) {
    }

    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}
