package service

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"google.golang.org/grpc/codes"

	"github.com/boilerstrip/boilerstrip/extract"
)

// metrics are the service's own Prometheus series; RPC counts and
// latencies per method and code come from go-grpc-middleware's provider
// (grpc_server_*), registered beside these in NewServer.
type metrics struct {
	documents   *prometheus.CounterVec // by input kind, successful extractions
	failures    *prometheus.CounterVec // by gRPC code, documents that got an error
	bytesIn     prometheus.Counter
	bytesOut    prometheus.Counter
	removed     *prometheus.CounterVec // removed spans by noise kind
	paths       *prometheus.CounterVec // extraction path chosen
	inFlight    prometheus.Gauge       // extractions holding a slot
	waiting     prometheus.Gauge       // documents waiting for a slot
	batchAccept prometheus.Counter     // stream documents handed to a worker
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		documents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "boilerstrip_documents_total", Help: "Documents extracted successfully, by input kind (html, text).",
		}, []string{"input_kind"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "boilerstrip_document_errors_total", Help: "Documents answered with an error, by gRPC code.",
		}, []string{"code"}),
		bytesIn: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "boilerstrip_input_bytes_total", Help: "Bytes of documents received (html, text or raw).",
		}),
		bytesOut: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "boilerstrip_output_bytes_total", Help: "Bytes of article bodies and renderings returned.",
		}),
		removed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "boilerstrip_removed_spans_total", Help: "Removed spans reported, by noise kind.",
		}, []string{"kind"}),
		paths: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "boilerstrip_extraction_path_total", Help: "Extractions by the path that produced the body (readability, text, text-fallback:…).",
		}, []string{"path"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "boilerstrip_extractions_in_flight", Help: "Extractions running now (holding one of --max-concurrent slots).",
		}),
		waiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "boilerstrip_extractions_waiting", Help: "Documents waiting for an extraction slot.",
		}),
		batchAccept: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "boilerstrip_batch_documents_accepted_total", Help: "Documents read from ExtractBatch streams and handed to a worker; each gets exactly one response.",
		}),
	}
	reg.MustRegister(m.documents, m.failures, m.bytesIn, m.bytesOut, m.removed, m.paths, m.inFlight, m.waiting, m.batchAccept)
	return m
}

// newRegistry is a private registry (not the global default, so that
// several servers in one test binary do not collide) with the Go runtime
// and process collectors an operator expects next to the service's own.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// observe records one successful extraction.
func (m *metrics) observe(res *extract.Result) {
	m.documents.WithLabelValues(res.InputKind.String()).Inc()
	m.bytesOut.Add(float64(len(res.Article.Body) + len(res.Article.Content)))
	m.paths.WithLabelValues(res.Path).Inc()
	for _, r := range res.Removed {
		m.removed.WithLabelValues(r.Kind.String()).Inc()
	}
}

// fail records one document answered with an error.
func (m *metrics) fail(code codes.Code) {
	m.failures.WithLabelValues(code.String()).Inc()
}
