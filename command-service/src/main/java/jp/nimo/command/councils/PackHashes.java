package jp.nimo.command.councils;

import jakarta.servlet.http.HttpServletRequest;
import jp.nimo.councils.MeetingId;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.infra.web.UnavailableNow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The content hash of a meeting pack, asked of the read side, which alone holds the views the pack is made
 * from. The caller's own credentials (its token, or its session cookie) go along, so the read side checks
 * itself that the caller may read the pack; no header of Nimo's own vouches for anyone.
 */
@Component
public class PackHashes {

    private final URI readSide;
    private final HttpClient http;
    private final JsonMapper json;

    public PackHashes(@Value("${nimo.read-url}") URI readSide, JsonMapper json) {
        this.readSide = readSide;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public String hash(MeetingId meeting, Instant cutOff, HttpServletRequest caller) {
        HttpRequest.Builder ask = HttpRequest.newBuilder(readSide.resolve("/api/meetings/" + meeting.value()
                        + "/pack?cutOff=" + URLEncoder.encode(cutOff.toString(), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .header(HttpHeaders.ACCEPT, "application/json")
                .GET();
        for (String header : new String[] {HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE}) {
            String value = caller.getHeader(header);
            if (value != null) {
                ask.header(header, value);
            }
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(ask.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnavailableNow("the read side, which makes the pack, cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableNow("interrupted while the read side made the pack");
        }
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            throw new AccessDeniedException("the read side refused the caller the pack");
        }
        if (answer.statusCode() == 404) {
            throw new NotFoundException("no such meeting on the read side");
        }
        if (answer.statusCode() != 200) {
            throw new UnavailableNow("the read side answered " + answer.statusCode() + " for the pack");
        }
        JsonNode body = json.readTree(answer.body());
        String hash = body.path("contentHash").asString("");
        if (!hash.startsWith("sha256:")) {
            throw new UnavailableNow("the read side gave no content hash for the pack");
        }
        return hash;
    }
}
