package jp.nimo.infra.web;

import tools.jackson.databind.json.JsonMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The checks every request passes before anything parses it or authenticates it: the body's size
 * (Content-Length up front, and the bytes of a chunked body as they stream) and the Idempotency-Key
 * header's form. A body past its limit is refused with 413 before it fills memory.
 */
public class RequestGuardFilter extends OncePerRequestFilter {

    private final RequestLimits limits;
    private final JsonMapper json;

    public RequestGuardFilter(RequestLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(IdempotencyKey.HEADER);
        if (key != null && !IdempotencyKey.isValid(key)) {
            Problems.write(response, json, Problems.invalidInput(IdempotencyKey.HEADER, IdempotencyKey.RULE));
            return;
        }
        if (!readable(request.getContentType())) {
            Problems.write(response, json, Problems.unsupportedMediaType());
            return;
        }
        long limit = limits.limitFor(request.getContentType());
        if (request.getContentLengthLong() > limit) {
            Problems.write(response, json, Problems.bodyTooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedBody(request, limit), response);
    }

    /**
     * Whether a Content-Type names one concrete type in a known charset: Spring refuses a wildcard or an
     * unknown charset with an IllegalArgumentException deep inside, which would otherwise read as a 500.
     */
    static boolean readable(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            type.getCharset();
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            // InvalidMediaTypeException, IllegalCharsetNameException and UnsupportedCharsetException alike
            return false;
        }
    }

    /** The request with a body that fails with {@link BodyTooLarge} once more than the limit was read. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new java.io.UnsupportedEncodingException(encoding);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLarge {
            count += n;
            if (count > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
