package jp.nimo.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 written byte for byte over a socket, for requests an ordinary client refuses to send: raw
 * bytes in a header, an encoded NUL in the path, a chunked body of any size, a header block over the
 * server's limit. One request per connection. Every answer is held against the service's OpenAPI
 * document ({@link OpenApiContract}).
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** An answer: status, headers (lower-case names), the body as text and, when it is JSON, parsed. */
    public record Answer(int status, Map<String, String> headers, String text, JsonNode json) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        /** The fields a 400 names, from {@code errors[].field} and {@code field}. */
        public java.util.List<String> fields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            if (json != null) {
                if (json.has("errors")) {
                    fields.addAll(json.get("errors").findValuesAsText("field"));
                }
                if (json.hasNonNull("field")) {
                    fields.add(json.get("field").asText());
                }
            }
            return fields;
        }
    }

    /** The answer refuses the request in problem+json with this status, naming the field when one is given. */
    public static void refused(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(answer.fields()).contains(field);
        }
    }

    /** The bytes as one path segment: letters, digits and '-' as they are, everything else %-encoded. */
    public static String percentEncoded(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        // an empty segment would change the path's shape; a lone space still reaches the handler
        return out.isEmpty() ? "%20" : out.toString();
    }

    /** A request to build: method, raw path (sent as given), headers as bytes, and a body. */
    public static final class Request {
        private final String method;
        private final byte[] target;
        private final ByteArrayOutputStream headers = new ByteArrayOutputStream();
        private byte[] body = new byte[0];
        private boolean chunked;
        private long declaredLength = -1;

        private Request(String method, byte[] target) {
            this.method = method;
            this.target = target;
        }

        public Request header(String name, String value) {
            return header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        public Request header(String name, byte[] value) {
            headers.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            headers.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
            headers.writeBytes(value);
            headers.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        public Request basic(String user) {
            return header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }

        public Request json(String body) {
            return body("application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        public Request body(String contentType, byte[] bytes) {
            header("Content-Type", contentType);
            this.body = bytes;
            return this;
        }

        /** Declares a Content-Length of its own, e.g. far more than is then sent. */
        public Request declaredLength(long length) {
            this.declaredLength = length;
            return this;
        }

        /** Sends the body with Transfer-Encoding: chunked, so the server does not know its size up front. */
        public Request chunked() {
            this.chunked = true;
            return this;
        }
    }

    public static Request request(String method, String target) {
        return new Request(method, target.getBytes(StandardCharsets.UTF_8));
    }

    public Answer send(Request request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(request.method.getBytes(StandardCharsets.US_ASCII));
            head.write(' ');
            head.writeBytes(request.target);
            head.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(request.headers.toByteArray());
            if (request.chunked) {
                head.writeBytes("Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (request.declaredLength >= 0 || request.body.length > 0 || !request.method.equals("GET")) {
                long length = request.declaredLength >= 0 ? request.declaredLength : request.body.length;
                head.writeBytes(("Content-Length: " + length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(head.toByteArray());
            try {
                writeBody(out, request);
                out.flush();
            } catch (IOException refused) {
                // the server may answer and close before it read the whole body (a body over the limit)
            }
            Answer answer = read(socket.getInputStream());
            while (answer.status() >= 100 && answer.status() < 200) {
                // an interim answer (100 Continue to an Expect header) comes before the real one
                answer = read(socket.getInputStream());
            }
            OpenApiContract.of(port).check(request.method, new String(request.target, StandardCharsets.UTF_8),
                    answer.status(), answer.contentType(), answer.text());
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBody(OutputStream out, Request request) throws IOException {
        if (!request.chunked) {
            out.write(request.body);
            return;
        }
        int chunk = 64 * 1024;
        for (int offset = 0; offset < request.body.length; offset += chunk) {
            int length = Math.min(chunk, request.body.length - offset);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(request.body, offset, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads one answer, by its Content-Length or chunks when it has them: a server that refused a body
     * may keep the connection open to discard what the client still sends, so EOF cannot be awaited.
     */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no HTTP answer: " + headBytes.toString(StandardCharsets.ISO_8859_1));
            }
            headBytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] rawBody;
        if (status >= 100 && status < 200) {
            rawBody = new byte[0]; // an interim answer has no body
        } else if (headers.containsKey("content-length")) {
            rawBody = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rawBody = readChunks(in);
        } else {
            rawBody = in.readAllBytes();
        }
        String body = new String(rawBody, StandardCharsets.UTF_8);
        JsonNode json = null;
        if (headers.getOrDefault("content-type", "").contains("json") && !body.isBlank()) {
            json = JSON.readTree(body);
        }
        return new Answer(status, headers, body, json);
    }

    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                line(in);
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
