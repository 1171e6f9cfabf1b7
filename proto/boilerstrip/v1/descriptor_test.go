package boilerstripv1

import (
	"strings"
	"testing"
)

// The embedded descriptor set must match the compiled-in one and carry the
// doc comments that reflection serves.
func TestDocumentedFiles(t *testing.T) {
	files, err := DocumentedFiles()
	if err != nil {
		t.Fatal(err)
	}
	d, err := files.FindDescriptorByName("boilerstrip.v1.NoiseSpan")
	if err != nil {
		t.Fatal(err)
	}
	loc := d.ParentFile().SourceLocations().ByDescriptor(d)
	if !strings.Contains(loc.LeadingComments, "not part of the body") {
		t.Errorf("NoiseSpan comment = %q: descriptor set lacks source info (rebuild with go tool buf build -o proto/boilerstrip/v1/extract.binpb)", loc.LeadingComments)
	}
	compiled := File_boilerstrip_v1_extract_proto.Messages().Len()
	fd, err := files.FindFileByPath("boilerstrip/v1/extract.proto")
	if err != nil {
		t.Fatal(err)
	}
	if fd.Messages().Len() != compiled {
		t.Errorf("embedded set has %d messages, compiled code %d: regenerate both", fd.Messages().Len(), compiled)
	}
}
