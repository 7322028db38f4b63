package io.zkml4j.cli;

import io.zkml4j.server.AuditLog;
import io.zkml4j.server.Database;
import io.zkml4j.server.ServerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.SQLException;
import java.time.Clock;

/** {@code zkml audit verify}: walks the hash chain of the server's audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check the audit log of 'zkml serve': zkml audit verify [--db JDBC-URL].",
                "verify: every row in order with none missing, each row's hash recomputed from its contents and the row "
                        + "before, and every stored file (keys, rotations, inputs, proofs) against its digest. Prints 'intact' "
                        + "and the head hash (exit 0), or the first broken row and why (exit 1). Compare the head hash with one "
                        + "recorded earlier to detect a rewritten or truncated log."})
final class AuditCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "verify", description = "What to do with the log: verify (the only action).")
    String action;

    @Option(names = "--db", paramLabel = "JDBC-URL", defaultValue = "jdbc:sqlite:zkml.db",
            description = "The server's database (default: ${DEFAULT-VALUE}).")
    String db;

    @Override
    int execute() throws Exception {
        if (!action.equals("verify")) {
            throw new UserError("unknown action '" + action + "'; the audit command has one: zkml audit verify --db JDBC-URL");
        }
        AuditLog.ChainReport r;
        try (Database d = Database.openExisting(db)) {
            r = new AuditLog(d, Clock.systemUTC()).verifyChain();
        } catch (ServerException e) {
            throw new UserError(e.getMessage());
        } catch (SQLException e) {
            throw new UserError("cannot read the audit log in '" + db + "': " + e.getMessage());
        }
        if (r.intact()) {
            term.println("audit log intact: " + r.rows() + " row(s), head hash " + r.headHash());
            return ExitCode.OK;
        }
        term.println("audit log BROKEN at row " + r.brokenSeq() + ": " + r.problem());
        term.println(Text.field("intact", "rows 1.." + r.rows() + " (hash of row " + r.rows() + ": " + r.headHash() + ")"));
        return ExitCode.REJECTED;
    }
}
