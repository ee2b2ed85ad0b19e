// Command pcii runs the registry of process charts of interdepartmental
// interaction: the web server, the demo region, accounts, reports, routing
// keys and the exchange's routing client.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, env *env) error
}

// env is the part of the process a subcommand may use: its standard streams.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// errUsage means the arguments were wrong; the command already printed why.
var errUsage = errors.New("usage")

func commands() []command {
	return []command{
		{"serve", "serve the pages and the JSON API", runServe},
		{"demo", "build the demo registry of a Samara-like region", runDemo},
		{"user", "manage accounts: user add", runUser},
		{"token", "issue API tokens: token create", runToken},
		{"report", "write reports: report progress", runReport},
		{"keys", "manage routing signing keys: keys list|rotate|promote", runKeys},
		{"routing", "exchange side: routing pull|verify", runRouting},
		{"audit", "check the audit log: audit verify", runAudit},
		{"backup", "copy the database while the server runs: backup --out FILE", runBackup},
		{"restore", "replace the database with a backup: restore FILE", runRestore},
		{"import", "import the services register: import services", runImport},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], e)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(stderr, "pcii %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "pcii: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: pcii COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun pcii COMMAND -h for the flags of a command.")
}
