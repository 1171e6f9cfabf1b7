package boilerstripv1

import (
	_ "embed"
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
)

// descriptorSet is `buf build -o extract.binpb`: the API's descriptors
// with their imports and source info. The descriptors compiled into the
// generated code carry no comments; these do, so server reflection (and
// `grpcurl describe`) can show the documentation.
//
//go:embed extract.binpb
var descriptorSet []byte

// DocumentedFiles returns the API's file descriptors with their comments.
func DocumentedFiles() (*protoregistry.Files, error) {
	var fds descriptorpb.FileDescriptorSet
	if err := proto.Unmarshal(descriptorSet, &fds); err != nil {
		return nil, fmt.Errorf("decode embedded descriptor set: %w", err)
	}
	files, err := protodesc.NewFiles(&fds)
	if err != nil {
		return nil, fmt.Errorf("build embedded descriptor set: %w", err)
	}
	return files, nil
}
