package jp.nimo.infra;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;

/**
 * Nimo's settings, bound from {@code nimo.*} properties and their environment forms
 * ({@code NIMO_DATA_DIR}, {@code NIMO_DB_URL}, {@code NIMO_USERS_FILE}, ...).
 */
@ConfigurationProperties(prefix = "nimo")
public class NimoProperties {

    /** Where the embedded database, demo users and keys live. */
    private Path dataDir = Path.of("data");
    private final Db db = new Db();
    /** The users file (YAML); without one, demo users are created under the data directory. */
    private Path usersFile;
    /** How far back a worker may date an event (ISO-8601 period). */
    private Period maxBackdating = Period.ofYears(10);
    /** Base64 of the 32-byte key that wraps the case keys; without it one is kept under the data directory. */
    private String masterKey;

    /** How often a processor looks for events written by another node when it has caught up. */
    private Duration eventPollInterval = Duration.ofMillis(100);
    /**
     * How often a processor's segment that has nothing to handle stores how far it has read (and extends its
     * claim): what the token table, and so a rebuild's progress and every caught-up check, lags behind at most.
     * Axon's five seconds would end every rebuild with seconds of waiting. Kept below a third of the claim timeout.
     */
    private Duration processorClaimExtension = Duration.ofSeconds(1);

    public static class Db {
        /** JDBC URL of an external PostgreSQL; without it an embedded one is started. */
        private String url;
        private String user;
        private String password;
        /** Connections each service keeps at most, and at least when idle. */
        private int poolSize = 20;
        private int minIdle = 2;
        /**
         * How long a request waits for a working connection before it is answered 503: a database that
         * is down or frozen must not hang every request for the pool's default 30 seconds.
         */
        private Duration connectionTimeout = Duration.ofSeconds(3);
        /**
         * How long one read from the database may block before the connection is given up: a backstop for
         * statements in flight when the server freezes. Migrations run without it; 0 turns it off.
         */
        private Duration socketTimeout = Duration.ofSeconds(60);

        public Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        public Duration getSocketTimeout() {
            return socketTimeout;
        }

        public void setSocketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
        }

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }

        public int getMinIdle() {
            return minIdle;
        }

        public void setMinIdle(int minIdle) {
            this.minIdle = minIdle;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isConfigured() {
            return url != null && !url.isBlank();
        }
    }

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Db getDb() {
        return db;
    }

    public Path getUsersFile() {
        return usersFile;
    }

    public void setUsersFile(Path usersFile) {
        this.usersFile = usersFile;
    }

    public Period getMaxBackdating() {
        return maxBackdating;
    }

    public void setMaxBackdating(Period maxBackdating) {
        this.maxBackdating = maxBackdating;
    }

    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey;
    }

    public Duration getEventPollInterval() {
        return eventPollInterval;
    }

    public void setEventPollInterval(Duration eventPollInterval) {
        this.eventPollInterval = eventPollInterval;
    }

    public Duration getProcessorClaimExtension() {
        return processorClaimExtension;
    }

    public void setProcessorClaimExtension(Duration processorClaimExtension) {
        this.processorClaimExtension = processorClaimExtension;
    }
}
