package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protojson"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// runExtract sends one document and prints the body (or the whole response
// as JSON with --format json).
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	addr := fs.String("addr", "", "server address HOST:PORT (empty: run the service in-process)")
	var sec security
	sec.register(fs)
	pageURL := fs.String("url", "", "the page's URL, for resolving links (never fetched)")
	asHTML := fs.Bool("html", false, "the input is HTML (default: sniffed)")
	asText := fs.Bool("text", false, "the input is a plain-text dump of a page")
	format := fs.String("format", "text", "output: text, markdown, html or json (the whole response)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("extract: want exactly one FILE or -, got %d", fs.NArg())
	}
	if *asHTML && *asText {
		return fmt.Errorf("extract: --html and --text are exclusive")
	}
	var data []byte
	var err error
	if name := fs.Arg(0); name == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("extract: read input: %w", err)
	}

	req := &pb.ExtractRequest{Id: fs.Arg(0), Url: *pageURL, Options: &pb.ExtractOptions{}}
	switch {
	case *asHTML && utf8.Valid(data):
		req.Content = &pb.ExtractRequest_Html{Html: string(data)}
	case *asHTML:
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
		req.ContentType = "text/html"
	case *asText && utf8.Valid(data):
		req.Content = &pb.ExtractRequest_Text{Text: string(data)}
	case *asText:
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
		req.ContentType = "text/plain"
	default:
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
	}
	switch *format {
	case "text", "json":
	case "markdown":
		req.Options.Format = pb.BodyFormat_BODY_FORMAT_MARKDOWN
	case "html":
		req.Options.Format = pb.BodyFormat_BODY_FORMAT_HTML
	default:
		return fmt.Errorf("extract: --format %q: want text, markdown, html or json", *format)
	}

	client, closeFn, err := connect(*addr, sec)
	if err != nil {
		return err
	}
	defer closeFn()
	resp, err := client.Extract(ctx, req)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	switch *format {
	case "json":
		b, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(resp)
		if err != nil {
			return fmt.Errorf("extract: encode response: %w", err)
		}
		_, err = fmt.Fprintln(stdout, string(b))
		return err
	case "markdown", "html":
		if c := resp.GetArticle().GetContent(); c != "" {
			_, err = fmt.Fprintln(stdout, c)
			return err
		}
	}
	_, err = fmt.Fprintln(stdout, resp.GetArticle().GetBody())
	return err
}
