# statefed image: 'statefed run -c /etc/statefed/jabber.conf' as an unprivileged user.
#   docker build -t statefed .
#   docker run -v /etc/asterisk/jabber.conf:/etc/statefed/jabber.conf:ro statefed
# docker-compose.yml runs three of these against a Prosody.

FROM maven:3.8-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, in their own layer, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
# Tests run in CI (scripts/test.sh); they need real XMPP servers this stage does not have.
RUN mvn -B -q package -Dmaven.test.skip=true

FROM eclipse-temurin:17-jre
# A system user without a shell; /run/statefed, only its own, holds the admin socket (admin_socket's default,
# /run/statefed/statefed.sock); /var/lib/statefed the state file (state_file's default, a volume so that it
# outlives the container).
RUN groupadd --system statefed \
    && useradd --system --gid statefed --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin statefed \
    && mkdir -p /opt/statefed/bin /etc/statefed /run/statefed /var/lib/statefed \
    && chown statefed:statefed /run/statefed /var/lib/statefed \
    && chmod 0700 /run/statefed /var/lib/statefed
VOLUME /var/lib/statefed
COPY --from=build /src/target/statefed.jar /opt/statefed/statefed.jar
COPY bin/statefed /opt/statefed/bin/statefed
RUN chmod 0755 /opt/statefed/bin/statefed && ln -s /opt/statefed/bin/statefed /usr/local/bin/statefed
# bin/statefed looks for the jar next to a source checkout unless told where it is.
ENV STATEFED_JAR=/opt/statefed/statefed.jar
USER statefed
ENTRYPOINT ["statefed", "run", "-c", "/etc/statefed/jabber.conf"]
