package io.proxyline.web;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body has been read once, in full, and can be read again any number of times.
 * The signature check needs the body bytes before the controller does; this wrapper hands the same
 * bytes to both. The bytes are also left in a request attribute, so they can be found even when
 * another wrapper sits on top of this one.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {
    /** Request attribute holding the body bytes ({@code byte[]}). */
    public static final String ATTRIBUTE = CachedBodyRequest.class.getName() + ".body";
    /** The largest body Proxyline accepts: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1_048_576;

    private final byte[] body;

    public CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        request.setAttribute(ATTRIBUTE, body);
    }

    /** Thrown when a body exceeds {@link #MAX_BODY_BYTES}; nothing past the limit has been read. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("request body exceeds " + MAX_BODY_BYTES + " bytes", null);
        }

        /** The wire answer: 413 (Content Too Large), a BadRequest in the AWS shape. */
        public ProxyRejected toRejected() {
            return new ProxyRejected(AwsErrorCode.BAD_REQUEST, 413,
                    "Request body exceeds the limit of " + MAX_BODY_BYTES + " bytes");
        }
    }

    /**
     * Reads a request body, refusing it as soon as it is known to exceed the limit: from its
     * Content-Length before reading anything, or after one byte past the limit otherwise.
     */
    public static byte[] readLimited(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new BodyTooLargeException();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        InputStream in = request.getInputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, MAX_BODY_BYTES + 1L - total))) > 0) {
            total += n;
            if (total > MAX_BODY_BYTES) {
                throw new BodyTooLargeException();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * The body of a request: the cached bytes when the authentication filter has read it, else read
     * now (within the limit) and cached, for requests that reached a controller without that filter.
     */
    public static byte[] bodyOf(HttpServletRequest request) throws IOException {
        if (request.getAttribute(ATTRIBUTE) instanceof byte[] cached) {
            return cached;
        }
        byte[] body = readLimited(request);
        request.setAttribute(ATTRIBUTE, body);
        return body;
    }

    public byte[] body() {
        return body;
    }

    @Override
    public ServletInputStream getInputStream() {
        return new CachedInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    private static final class CachedInputStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        CachedInputStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException(
                    "the body has already been read; non-blocking reads are not supported");
        }
    }
}
