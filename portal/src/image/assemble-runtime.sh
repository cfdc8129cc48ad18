#!/usr/bin/env bash
# Assembles the runtime the container image's application layers run on, as a root file system
# in a directory: a Java runtime linked with jlink from the build's JDK, the C library and the few
# system libraries that runtime loads, fontconfig with the DejaVu fonts (charts and spreadsheets
# measure text), and a non-root user. Jib puts it under the application as the image's base layer
# (docs/deployment.md, docs/decisions/030-container-image.md). Needs a Debian-like build machine
# (ldd, dpkg) with fontconfig and fonts-dejavu-core installed.
#
# usage: assemble-runtime.sh OUTPUT_DIRECTORY   (JAVA_HOME names the JDK to link the runtime from)
set -euo pipefail
out="$1"
jdk="${JAVA_HOME:?JAVA_HOME must name the JDK to link the runtime from}"
rm -rf "$out"
mkdir -p "$out"

# --- The Java runtime: what the portal and its libraries use, without compilers and tools. Not
# compressed by jlink: the image's layers are compressed as a whole. ---
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management
modules+=,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl
modules+=,java.sql,java.sql.rowset,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki
modules+=,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management,jdk.management.agent
modules+=,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs
"$jdk/bin/jlink" --add-modules "$modules" --include-locales=en,de,fr --strip-debug --no-man-pages \
    --no-header-files --output "$out/opt/java"

# --- The C library and the system libraries the runtime loads (not the X11 and sound ones: headless). ---
libs="$out/lib/x86_64-linux-gnu"
mkdir -p "$libs" "$out/lib64"
needed=$( { find "$out/opt/java/lib" -name '*.so' ! -name 'libawt_xawt.so' ! -name 'libjawt.so' \
              ! -name 'libsplashscreen.so' ! -name 'libjsound.so' -print0 \
            | xargs -0 ldd 2>/dev/null
          # fontconfig is opened at run time (dlopen), so ldd of the runtime does not name it
          ldd "$(ldconfig -p | awk '/libfontconfig.so.1 / {print $NF; exit}')"
          ldd "$(ldconfig -p | awk '/libgcc_s.so.1 / {print $NF; exit}')"; } \
        | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$out" | sort -u)
needed+=" $(ldconfig -p | awk '/libfontconfig.so.1 |libgcc_s.so.1 / {print $NF}' | sort -u | tr '\n' ' ')"
for lib in $needed; do
    cp -L "$lib" "$libs/$(basename "$lib")"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$out/lib64/"

# --- Fonts: fontconfig's configuration and the DejaVu core fonts. ---
mkdir -p "$out/etc" "$out/usr/share/fonts/truetype"
cp -rL /etc/fonts "$out/etc/fonts"
cp -rL /usr/share/fonts/truetype/dejavu "$out/usr/share/fonts/truetype/dejavu"

# --- The licences of the Debian packages copied in. ---
for file in $needed /lib64/ld-linux-x86-64.so.2 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /etc/fonts/fonts.conf; do
    { dpkg -S "$file" 2>/dev/null || dpkg -S "$(readlink -f "$file")" 2>/dev/null; } | head -1 | cut -d: -f1 || true
done | sort -u | while read -r package; do
    if [ -f "/usr/share/doc/$package/copyright" ]; then
        mkdir -p "$out/usr/share/doc/$package"
        cp "/usr/share/doc/$package/copyright" "$out/usr/share/doc/$package/"
    fi
done

# --- The user the portal runs as (never root), and the directories it may write. ---
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
portal:x:65532:65532:credentials portal:/home/portal:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
portal:x:65532:
GROUP
echo "hosts: files dns" > "$out/etc/nsswitch.conf"
mkdir -p "$out/tmp" "$out/home/portal" "$out/var/lib/credentials-portal"
echo "Runtime assembled in $out: $(du -sh "$out" | cut -f1)"
