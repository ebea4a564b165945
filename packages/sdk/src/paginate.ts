import type { Page } from "./types.ts";

type PageParams = { page?: number; limit?: number };

/** The largest page the API serves: fewest requests when walking a whole list. */
export const MAX_PAGE_SIZE = 100;

/**
 * Every item of every page, fetched one page at a time as the loop asks for more, from the
 * `page` given (default 1). Lists are numbered pages, so an item created while the walk is under
 * way can push an item already seen onto the next page: ids already yielded are skipped.
 */
export async function* everyItem<T extends { id: string }, P extends PageParams>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
): AsyncGenerator<T, void, undefined> {
  const limit = params.limit ?? MAX_PAGE_SIZE;
  const seen = new Set<string>();

  for (let page = params.page ?? 1; ; page++) {
    const { data, meta } = await fetchPage({ ...params, page, limit });
    for (const item of data) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      yield item;
    }

    const lastPage = meta.pages ?? Math.ceil(meta.total / limit);
    if (data.length === 0 || data.length < limit || page >= lastPage) return;
  }
}
