package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// job is one document on its way through the batch. It holds one window
// token from the moment it is read until its output is written, so the
// number of jobs alive (queued, on a stream, being retried, waiting for
// the writer) never exceeds --inflight.
type job struct {
	req      *pb.ExtractRequest
	size     int // content bytes, for the summary
	attempts int // sends that ended without an answer, or with a retryable one
}

// result is a job's final outcome, encoded for the sink by the goroutine
// that received it (so encoding runs in parallel, not in the writer).
type result struct {
	job  *job
	resp *pb.ExtractBatchResponse
	enc  encoded
}

// dispatcher feeds jobs to a pool of ExtractBatch streams and hands each
// final answer to the writer exactly once.
//
// Why several streams: with round_robin each stream is pinned to one
// server (sub-connection) when it opens, so spreading a batch over N
// servers needs at least N streams; streams are also closed and reopened
// every streamDocs documents, so that servers added later (or restarted
// after MaxConnectionAge) get their share.
type dispatcher struct {
	client      pb.ExtractServiceClient
	encode      func(*pb.ExtractBatchResponse) (encoded, error)
	work        chan *job       // jobs waiting for a stream: new and re-queued; cap = window, so a push never blocks
	results     chan result     // final answers for the writer
	done        chan struct{}   // closed once every document read has been written
	abort       <-chan struct{} // closed when the batch is cancelled or the writer failed
	streams     int
	streamDocs  int           // documents sent on a stream before it is rotated
	maxAttempts int           // tries per document before its last error is final
	giveUp      time.Duration // abort when no answer at all arrives for this long
	lastAnswer  atomic.Int64  // unix nanos of the last answer, for giveUp
	retries     atomic.Int64  // documents sent again, for the summary
	streamFails atomic.Int64  // streams that broke, for the summary
	warn        func(format string, args ...any)
}

// retryable reports whether a document's error is about the server rather
// than the document, so another server (or the same one later) may do it.
func retryable(code codes.Code) bool {
	return code == codes.Unavailable || code == codes.Aborted || code == codes.Canceled
}

// backoff is the delay before try n (1-based): exponential from 100ms,
// capped, with jitter so that retries from many streams do not align.
func backoff(n int, max time.Duration) time.Duration {
	d := 100 * time.Millisecond
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	return d/2 + rand.N(d/2+1)
}

// run starts the streams and returns when they have all finished: after
// done is closed, or with the first fatal error.
func (d *dispatcher) run(ctx context.Context) error {
	d.lastAnswer.Store(time.Now().UnixNano())
	var wg sync.WaitGroup
	errs := make(chan error, d.streams)
	for range d.streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := d.worker(ctx); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// worker keeps one stream open at a time until the batch is done,
// reopening it (with backoff) when it breaks.
func (d *dispatcher) worker(ctx context.Context) error {
	failures := 0
	// The first stream is short: streams opened while only some servers
	// have connected all land on those (round_robin picks among ready
	// sub-connections only), so reopening soon spreads them over every
	// server once all are up.
	limit := min(d.streamDocs, warmupDocs)
	for {
		select {
		case <-d.done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		err := d.runStream(ctx, limit)
		limit = d.streamDocs
		if err == nil {
			failures = 0
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		failures++
		d.streamFails.Add(1)
		idle := time.Since(time.Unix(0, d.lastAnswer.Load()))
		if idle > d.giveUp {
			return fmt.Errorf("batch: no server answered for %v (last error: %w); rerun with --resume to go on", idle.Round(time.Second), err)
		}
		wait := backoff(failures, 10*time.Second)
		d.warn("stream failed (%v); reopening in %v", err, wait.Round(time.Millisecond))
		select {
		case <-time.After(wait):
		case <-d.done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// pending is the set of jobs sent on one stream and not yet answered.
// When the stream breaks they are all re-queued, so none is lost; a job
// answered before the break has left the set, so none is written twice.
type pending struct {
	mu   sync.Mutex
	byID map[string][]*job // protected by mu; a slice because ids may repeat in the input
	dead bool              // protected by mu; set when the stream has failed, after which add refuses
}

func (p *pending) add(j *job) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead {
		return false
	}
	p.byID[j.req.GetId()] = append(p.byID[j.req.GetId()], j)
	return true
}

func (p *pending) take(id string) *job {
	p.mu.Lock()
	defer p.mu.Unlock()
	js := p.byID[id]
	if len(js) == 0 {
		return nil
	}
	j := js[0]
	if len(js) == 1 {
		delete(p.byID, id)
	} else {
		p.byID[id] = js[1:]
	}
	return j
}

// kill marks the stream dead and returns the jobs it never answered.
func (p *pending) kill() []*job {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dead = true
	var out []*job
	for _, js := range p.byID {
		out = append(out, js...)
	}
	p.byID = nil
	return out
}

// warmupDocs is the length of each worker's first stream; see worker.
const warmupDocs = 50

// runStream sends jobs on one stream until limit have been sent or
// the batch is done, then half-closes it and waits for every answer. It
// returns nil when the stream ended cleanly and the stream's error
// otherwise; either way no job is left behind.
func (d *dispatcher) runStream(ctx context.Context, limit int) error {
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := d.client.ExtractBatch(sctx)
	if err != nil {
		return fmt.Errorf("open stream: %w", err)
	}
	p := &pending{byID: map[string][]*job{}}
	recvDone := make(chan struct{})
	var recvErr error // written by the receiver before it closes recvDone
	go func() {
		defer close(recvDone)
		for {
			r, err := stream.Recv()
			if err == io.EOF {
				return
			}
			if err != nil {
				recvErr = err
				return
			}
			j := p.take(r.GetId())
			if j == nil {
				d.warn("answer for id %q that is not in flight on this stream; ignored", r.GetId())
				continue
			}
			d.lastAnswer.Store(time.Now().UnixNano())
			d.answer(j, r)
		}
	}()

	sent := 0
	sendFault := false // a document could not be sent (too large, not marshalable): its fault, not the stream's
send:
	for sent < limit {
		select {
		case j := <-d.work:
			if !p.add(j) {
				d.requeue(j, nil)
				break send
			}
			if err := stream.Send(&pb.ExtractBatchRequest{Request: j.req}); err != nil {
				if err != io.EOF {
					// gRPC returns io.EOF when the stream broke (the real
					// error comes from Recv) and anything else when this
					// message could not be sent; then it also ends the
					// stream, but the other documents on it did nothing
					// wrong.
					if mine := p.take(j.req.GetId()); mine != nil {
						d.finish(mine, failureResponse(j.req.GetId(), status.Convert(err).Proto()))
					}
					sendFault = true
				}
				// Otherwise the job is in pending: the receiver sees the
				// real error and the job is re-queued below.
				break send
			}
			sent++
		case <-recvDone:
			break send
		case <-d.done:
			break send
		case <-ctx.Done():
			break send
		}
	}
	_ = stream.CloseSend()
	<-recvDone
	err = recvErr
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	left := p.kill()
	switch {
	case sendFault:
		// Not these documents' doing: send them again at once, no try used.
		for _, j := range left {
			d.requeue(j, nil)
		}
		return nil
	case err == nil && len(left) > 0:
		err = status.Errorf(codes.Internal, "server closed the stream with %d documents unanswered", len(left))
	}
	// Documents sent and never answered are tried again (elsewhere, with
	// a backoff) and the try counts.
	for _, j := range left {
		j.attempts++
		d.requeue(j, status.Convert(err))
	}
	return err
}

// answer handles one answer from a stream: retry it elsewhere when the
// error is the server's, else hand it to the writer.
func (d *dispatcher) answer(j *job, r *pb.ExtractBatchResponse) {
	if e := r.GetError(); e != nil && retryable(codes.Code(e.GetCode())) {
		j.attempts++
		d.requeue(j, status.FromProto(e))
		return
	}
	d.finish(j, r)
}

// requeue puts a job back on the work queue after a backoff, or, when it
// has used up its tries, writes its last error as its result.
func (d *dispatcher) requeue(j *job, cause *status.Status) {
	if cause != nil && j.attempts >= d.maxAttempts {
		d.finish(j, &pb.ExtractBatchResponse{Id: j.req.GetId(), Result: &pb.ExtractBatchResponse_Error{Error: &spb.Status{
			Code:    int32(cause.Code()),
			Message: fmt.Sprintf("gave up after %d tries: %s", j.attempts, cause.Message()),
		}}})
		return
	}
	if cause == nil {
		// Not tried yet (the stream died before it was sent): at once.
		d.work <- j
		return
	}
	d.retries.Add(1)
	// work has room for every live job, so this send never blocks; it is
	// delayed off the receiving goroutine so that the stream keeps going.
	time.AfterFunc(backoff(j.attempts, 5*time.Second), func() { d.work <- j })
}

// finish encodes a final answer and passes it to the writer.
func (d *dispatcher) finish(j *job, r *pb.ExtractBatchResponse) {
	enc, err := d.encode(r)
	if err != nil {
		r = &pb.ExtractBatchResponse{Id: j.req.GetId(), Result: &pb.ExtractBatchResponse_Error{Error: &spb.Status{
			Code: int32(codes.Internal), Message: fmt.Sprintf("encode response: %v", err),
		}}}
		enc, _ = d.encode(r)
	}
	select {
	case d.results <- result{job: j, resp: r, enc: enc}:
	case <-d.abort:
		// The writer has stopped (cancelled, or it failed): nothing more
		// is written, and --resume redoes this document.
	}
}
