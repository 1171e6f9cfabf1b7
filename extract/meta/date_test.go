package meta

import "testing"

func TestPublishedDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page, url, want string
	}{
		{
			name: "UTC stamp read on the local clock another tag gives",
			page: `<html><head><meta property="article:published_time" content="2023-11-09T02:11:03+00:00"></head>
				<body><time itemprop="datePublished" datetime="2023-11-08T21:11:03-05:00">Nov 8</time></body></html>`,
			want: "2023-11-08T21:11:03-05:00",
		},
		{
			name: "UTC stamp read on a naive local wall clock",
			page: `<html><head><meta property="article:published_time" content="2023-11-09T06:35:29Z">
				<meta name="sailthru.date" content="2023-11-08 22:35:29"></head><body></body></html>`,
			want: "2023-11-08T22:35:29-08:00",
		},
		{
			name: "UTC stamp gives way to the URL's day an evening earlier",
			page: `<html><head><meta property="article:published_time" content="2023-11-09T01:49:09Z"></head><body></body></html>`,
			url:  "https://news.example/2023/11/08/story/",
			want: "2023-11-08",
		},
		{
			name: "URL day too far west of a UTC morning stamp is not the local day",
			page: `<html><head><meta property="article:published_time" content="2020-07-09T10:04:04Z"></head><body></body></html>`,
			url:  "https://news.example/politics/2020/07/08/story.html",
			want: "2020-07-09T10:04:04Z",
		},
		{
			name: "stated date beats a URL day far from it",
			page: `<html><head><meta property="article:published_time" content="2020-02-19T18:37:32+01:00"></head><body></body></html>`,
			url:  "https://news.example/2020/02/12/story.html",
			want: "2020-02-19T18:37:32+01:00",
		},
		{
			name: "stated date beats a header's today in the text",
			page: `<html><body><header>Samstag, 19. Oktober 2019</header>
				<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-10-18T18:11:44+02:00"}</script>
				<article><p>Text</p></article></body></html>`,
			want: "2019-10-18T18:11:44+02:00",
		},
		{
			name: "JSON-LD in a bare CDATA wrapper",
			page: "<html><body><script type=\"application/ld+json\"><![CDATA[\n[{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-07-10T14:15:42+00:00\"}]\n]]></script></body></html>",
			want: "2020-07-10T14:15:42Z",
		},
		{
			name: "JSON-LD date as a Unix time in seconds",
			page: `<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":1676551869}</script></head><body></body></html>`,
			want: "2023-02-16T12:51:09Z",
		},
		{
			name: "JSON-LD date as a Unix time in milliseconds",
			page: `<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":1676551869000}</script></head><body></body></html>`,
			want: "2023-02-16T12:51:09Z",
		},
		{
			name: "JSON-LD date of zero is no date",
			page: `<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":0}</script></head><body><p>Posted on 2021-05-04</p></body></html>`,
			want: "2021-05-04",
		},
		{
			name: "implausible stated date falls back to the page search",
			page: `<html><head><meta name="date" content="1970-01-01"></head><body><p>Posted on 2021-05-04</p></body></html>`,
			want: "2021-05-04",
		},
		{
			name: "undeclared language read from the title, so a Polish month name parses",
			page: `<html><head><title>Rząd przedstawił nowy projekt ustawy o mieszkalnictwie</title></head>
				<body><h1>Nowy projekt ustawy</h1><time>3 marca 2021</time><p>Tekst</p></body></html>`,
			want: "2021-03-03",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Read(parse(t, tt.page), tt.url).Published; got != tt.want {
				t.Errorf("Published = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGuessDateLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    signals
		want string
	}{
		{"german title", signals{title: "Die Stadt baut eine neue Brücke über den Fluss und sperrt die Straße"}, "de"},
		{"unsure: every locale", signals{title: "El ayuntamiento construirá un nuevo puente sobre el río el próximo año"}, ""},
		{"french description", signals{meta: map[string]string{"description": "Le gouvernement a présenté mercredi un nouveau projet de loi sur le logement"}}, "fr"},
		{"one cyrillic word is too little to tell Russian from Serbian", signals{title: "Новости"}, ""},
		{"nothing", signals{}, ""},
		{"paragraphs before a short title", func() signals {
			s := signals{title: "Aktuelles"}
			s.prose.WriteString("Die Regierung hat am Mittwoch einen neuen Gesetzentwurf zum Wohnungsbau vorgestellt. Der Bundestag wird in der nächsten Woche darüber beraten. ")
			return s
		}(), "de"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := guessDateLanguage(&tt.s); got != tt.want {
				t.Errorf("guessDateLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}
