package dev.gatehouse.gateway.admin;

import dev.gatehouse.gateway.json.Utf8Text;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the fields of a {@code multipart/form-data} body with Netty's decoder (values kept as text). */
final class Multipart {

  private Multipart() {
  }

  static List<Map.Entry<String, String>> parse(String contentType, byte[] body) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
        Unpooled.wrappedBuffer(body));
    req.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    req.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    HttpPostMultipartRequestDecoder decoder = null;
    try {
      decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), req);
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
      return out; // Kong logs a malformed multipart body and continues with the fields it could read
    } finally {
      if (decoder != null) {
        decoder.destroy();
      }
      req.release();
    }
    return out;
  }
}
