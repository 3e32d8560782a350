package jp.nimo.infra.security;

import jakarta.servlet.http.HttpServletRequest;

/** The credentials of a request's {@code Authorization} header, by scheme (the scheme is case-insensitive). */
final class AuthorizationHeader {

    static final String BASIC = "Basic ";
    static final String BEARER = "Bearer ";

    private AuthorizationHeader() {
    }

    /** What follows the scheme, trimmed, or null when the request carries no credentials of that scheme. */
    static String credentials(HttpServletRequest request, String scheme) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return null;
        }
        return header.substring(scheme.length()).trim();
    }
}
