package io.zkml4j.server;

/** A problem that stops the server from starting or a command from running, in one line that names the fix. */
public final class ServerException extends Exception {
    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
