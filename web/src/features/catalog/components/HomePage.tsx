import { Link } from 'react-router';
import { useProducts } from '../api/get-products';
import { useCategories } from '../api/get-categories';
import { ProductGrid } from '../../../components/ProductCard';
import { Skeleton } from '../../../components/States';
import { translate } from '../../../lib/i18n';

export default function HomePage() {
  const featured = useProducts({ featured: true, limit: 8 });
  const deals = useProducts({ sort: 'popularity', limit: 24 });
  const categories = useCategories();
  const onSale = deals.data?.data.filter((p) => p.compare_price && p.compare_price > p.price).slice(0, 8);
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <section className="rounded-xl bg-indigo-800 px-6 py-10 text-white">
        <h1 className="text-3xl font-bold sm:text-4xl">{translate('home.hero')}</h1>
        <p className="mt-2 text-lg text-indigo-100">{translate('home.heroSub')}</p>
      </section>
      <section className="mt-8" aria-labelledby="home-cats">
        <h2 id="home-cats" className="mb-3 text-xl font-bold">{translate('home.categories')}</h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          {categories.isPending
            ? Array.from({ length: 7 }, (_, i) => <li key={i}><Skeleton className="h-16" /></li>)
            : categories.data?.data.map((c) => (
                <li key={c.id}>
                  <Link to={`/categoria/${c.slug}`} className="flex h-16 items-center justify-center rounded-lg border border-slate-200 bg-slate-50 px-2 text-center font-medium hover:bg-slate-100">
                    {c.name}
                  </Link>
                </li>
              ))}
        </ul>
      </section>
      <section className="mt-8" aria-labelledby="home-featured">
        <h2 id="home-featured" className="mb-3 text-xl font-bold">{translate('home.featured')}</h2>
        <ProductGrid products={featured.data?.data} loading={featured.isPending} eagerFirst={4} />
      </section>
      {(deals.isPending || (onSale && onSale.length > 0)) && (
        <section className="mt-8" aria-labelledby="home-deals">
          <h2 id="home-deals" className="mb-3 text-xl font-bold">{translate('home.deals')}</h2>
          <ProductGrid products={onSale} loading={deals.isPending} count={4} />
        </section>
      )}
    </div>
  );
}
