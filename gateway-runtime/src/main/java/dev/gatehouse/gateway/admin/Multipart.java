package dev.gatehouse.gateway.admin;

import dev.gatehouse.gateway.json.Utf8Text;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the fields of a {@code multipart/form-data} body with Netty's decoder (values kept as text). */
final class Multipart {

    private Multipart() {}

    /**
     * The fields, at most {@code maxFields} of them (more means the body has more). Netty's own bounds (128 fields,
     * 1 KiB left undecoded) made a 200-field body read as no fields at all: a PATCH of it changed nothing and
     * answered 200. The whole body is here already, bounded by the aggregator. A body that cannot be read to its
     * closing boundary is no fields, as Kong's Admin API reads it (lapis {@code params_post}:
     * {@code parse_multipart() or {}}).
     */
    static List<Map.Entry<String, String>> parse(String contentType, byte[] body, int maxFields) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        HttpPostMultipartRequestDecoder decoder;
        try {
            decoder = new HttpPostMultipartRequestDecoder(
                    new DefaultHttpDataFactory(false), head, StandardCharsets.UTF_8, maxFields, -1);
        } catch (RuntimeException e) {
            return out; // no boundary: no fields
        }
        try {
            try {
                decoder.offer(new DefaultLastHttpContent(Unpooled.wrappedBuffer(body)));
            } catch (HttpPostRequestDecoder.TooManyFormFieldsException e) {
                // the fields read so far: more than the caller's bound, which it reports
            } catch (RuntimeException e) {
                return out;
            }
            if (decoder.currentPartialHttpData() != null) {
                return out; // a part without its closing boundary
            }
            for (InterfaceHttpData d : decoder.getBodyHttpDatas()) {
                byte[] value;
                if (d instanceof Attribute a) {
                    value = a.get();
                } else if (d instanceof FileUpload f) {
                    value = f.get();
                } else {
                    continue;
                }
                out.add(new AbstractMap.SimpleEntry<>(d.getName(), Utf8Text.decode(value)));
            }
        } catch (IOException | RuntimeException e) {
            return out;
        } finally {
            decoder.destroy();
        }
        return out;
    }
}
