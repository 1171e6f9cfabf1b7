// Command client calls boilerstrip: one document with `extract`, a whole
// corpus with `batch`. Without --addr it runs the service in-process over
// an in-memory connection, so nothing needs to be started first.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage:
  client extract [--addr HOST:PORT] [--url URL] [--html|--text] [--format text|markdown|html|json] FILE|-
  client batch --in PATH [--in PATH ...] (--out FILE|- | --out-dir DIR) [--addr HOST:PORT[,HOST:PORT...]|dns:///NAME:PORT]
               [--inflight N] [--resume] [--format text|markdown]   (client batch -h for all flags)

Without --addr the service runs in-process.`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:])
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, usage)
		return flag.ErrHelp
	}
	switch args[0] {
	case "extract":
		return runExtract(ctx, args[1:], os.Stdin, os.Stdout)
	case "batch":
		return runBatch(ctx, args[1:], os.Stdin, os.Stdout, os.Stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(os.Stdout, usage)
		return nil
	}
	fmt.Fprintln(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
