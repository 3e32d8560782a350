package jp.nimo.infra.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be ({@code nimo.web.*}, or {@code NIMO_MAX_JSON_BODY} and
 * {@code NIMO_MAX_IMPORT_BODY}): JSON bodies are small; NDJSON and CSV imports get more room.
 */
@ConfigurationProperties(prefix = "nimo.web")
public class RequestLimits {

    private DataSize maxJsonBody = DataSize.ofMegabytes(1);
    private DataSize maxImportBody = DataSize.ofMegabytes(64);

    public DataSize getMaxJsonBody() {
        return maxJsonBody;
    }

    public void setMaxJsonBody(DataSize maxJsonBody) {
        this.maxJsonBody = maxJsonBody;
    }

    public DataSize getMaxImportBody() {
        return maxImportBody;
    }

    public void setMaxImportBody(DataSize maxImportBody) {
        this.maxImportBody = maxImportBody;
    }

    /** The limit for a body of this Content-Type: the import limit for NDJSON and CSV, else the JSON one. */
    public long limitFor(String contentType) {
        if (contentType != null) {
            String type = contentType.toLowerCase(java.util.Locale.ROOT);
            if (type.startsWith("application/x-ndjson") || type.startsWith("text/csv")) {
                return maxImportBody.toBytes();
            }
        }
        return maxJsonBody.toBytes();
    }
}
